//! The hand-written part of the demo data: the flows of an imagined company's authentik and the
//! captcha stages its admins made over the years.
//!
//! Rows are written out rather than generated so that the names read like a real server's, with
//! its leftovers ("Copy of ...", "captcha-do-not-use"), odd characters (`%`, `_`, umlauts) and one
//! very long name, which are exactly what a list page gets wrong first. Keys and ids are derived
//! from the names in `data.rs`.

use crate::data::Provider::{
    HCaptcha, RecaptchaEnterprise, RecaptchaLegacy, RecaptchaV2, RecaptchaV3, SelfHosted, Turnstile,
};
use crate::data::{Layout, Provider, Score};

/// One flow a stage can be bound to; `slug` is what stage rows refer to.
#[derive(Clone, Copy, Debug)]
pub struct FlowEntry {
    pub slug: &'static str,
    pub name: &'static str,
    pub title: &'static str,
    pub designation: &'static str,
    pub layout: Layout,
    pub policy_engine_mode: &'static str,
    pub compatibility_mode: bool,
    pub denied_action: &'static str,
    /// `None` is the stock background every flow gets until an admin uploads one.
    pub background: Option<&'static str>,
}

/// One captcha stage; `flows` are slugs from [`FLOWS`].
#[derive(Clone, Copy, Debug)]
pub struct StageEntry {
    pub name: &'static str,
    pub provider: Provider,
    pub score: Score,
    pub flows: &'static [&'static str],
    /// A fixed key, for the providers' published test keys; otherwise one is derived.
    pub public_key: Option<&'static str>,
}

/// A flow with the settings authentik gives a new flow.
const fn flow(
    slug: &'static str,
    name: &'static str,
    title: &'static str,
    designation: &'static str,
) -> FlowEntry {
    FlowEntry {
        slug,
        name,
        title,
        designation,
        layout: Layout::Stacked,
        policy_engine_mode: "any",
        compatibility_mode: false,
        denied_action: "message_continue",
        background: None,
    }
}

impl FlowEntry {
    const fn layout(self, layout: Layout) -> Self {
        FlowEntry { layout, ..self }
    }

    const fn all_policies(self) -> Self {
        FlowEntry { policy_engine_mode: "all", ..self }
    }

    const fn compatibility_mode(self) -> Self {
        FlowEntry { compatibility_mode: true, ..self }
    }

    const fn denied_action(self, denied_action: &'static str) -> Self {
        FlowEntry { denied_action, ..self }
    }

    const fn background(self, url: &'static str) -> Self {
        FlowEntry { background: Some(url), ..self }
    }
}

/// A stage with the thresholds authentik gives a new stage.
const fn stage(
    name: &'static str,
    provider: Provider,
    flows: &'static [&'static str],
) -> StageEntry {
    StageEntry { name, provider, score: Score::DEFAULT, flows, public_key: None }
}

impl StageEntry {
    const fn score(self, min: f64, max: f64) -> Self {
        StageEntry { score: Score { min, max, ..self.score }, ..self }
    }

    /// The stage lets the flow go on when the score is out of bounds; policies decide instead.
    const fn no_error(self) -> Self {
        StageEntry { score: Score { error_on_invalid: false, ..self.score }, ..self }
    }

    const fn key(self, public_key: &'static str) -> Self {
        StageEntry { public_key: Some(public_key), ..self }
    }
}

pub const FLOWS: &[FlowEntry] = &[
    flow(
        "default-authentication-flow",
        "Default Authentication Flow",
        "Welcome to authentik!",
        "authentication",
    ),
    flow(
        "default-enrollment-flow",
        "Default Enrollment Flow",
        "Welcome to authentik!",
        "enrollment",
    ),
    flow("default-recovery-flow", "Default Recovery Flow", "Reset your password", "recovery"),
    flow(
        "default-source-enrollment",
        "Welcome to authentik! Please select a username.",
        "Welcome to authentik!",
        "enrollment",
    ),
    flow(
        "default-source-authentication",
        "Welcome to authentik!",
        "Welcome to authentik!",
        "authentication",
    ),
    flow(
        "default-provider-authorization-explicit-consent",
        "Authorize Application",
        "Redirecting to %(app)s",
        "authorization",
    ),
    flow("default-invalidation-flow", "Logout", "Default Invalidation Flow", "invalidation"),
    flow("default-user-settings-flow", "User settings", "Update your info", "stage_configuration"),
    flow(
        "default-unenrollment-flow",
        "Default Unenrollment Flow",
        "Delete account",
        "unenrollment",
    )
    .denied_action("message"),
    flow(
        "customer-portal-login",
        "Customer Portal Login",
        "Sign in to the Customer Portal",
        "authentication",
    )
    .layout(Layout::ContentLeft)
    .background("/media/public/flow-backgrounds/customer-portal.jpg"),
    flow("customer-signup", "Customer Sign-up", "Create your customer account", "enrollment")
        .layout(Layout::ContentLeft)
        .background("/media/public/flow-backgrounds/customer-portal.jpg"),
    flow(
        "partner-portal-enrollment",
        "Partner Portal Enrollment",
        "Become a partner",
        "enrollment",
    )
    .layout(Layout::SidebarRight)
    .all_policies()
    .background("https://cdn.acme.example/branding/partner-hero.webp"),
    flow("partner-login", "Partner Login", "Partner sign-in", "authentication")
        .layout(Layout::SidebarRight)
        .background("https://cdn.acme.example/branding/partner-hero.webp"),
    flow("employee-sso", "Employee SSO", "Acme Corp single sign-on", "authentication")
        .all_policies()
        .denied_action("message"),
    flow("contractor-onboarding", "Contractor Onboarding", "Welcome aboard", "enrollment")
        .all_policies(),
    flow(
        "self-service-password-reset",
        "Self-service Password Reset",
        "Forgot your password?",
        "recovery",
    ),
    flow("account-recovery-email", "Account recovery by email", "Recover your account", "recovery"),
    flow("newsletter-signup", "Newsletter Sign-up", "Stay in the loop", "enrollment")
        .denied_action("continue"),
    flow("beta-program-enrollment", "Beta Program", "Join the beta", "enrollment")
        .layout(Layout::SidebarRightFrameBackground),
    flow("support-desk-login", "Support Desk Login", "Help Center", "authentication")
        .layout(Layout::ContentRight),
    flow("kiosk-authentication", "Kiosk Authentication", "Tap to sign in", "authentication")
        .compatibility_mode(),
    flow("legacy-app-login", "Legacy App Login", "Sign in", "authentication").compatibility_mode(),
    flow("api-consent", "API Access Consent", "Allow access to your account?", "authorization"),
    flow("account-deletion", "Account deletion", "We're sorry to see you go", "unenrollment")
        .denied_action("message"),
    flow(
        "totp-setup",
        "Authenticator setup",
        "Configure your authenticator",
        "stage_configuration",
    ),
    // Uses a layout that only exists from 2026.2 on; older shapes show its ancestor.
    flow(
        "event-registration-2025",
        "Event Registration",
        "Register for Acme Summit 2025",
        "enrollment",
    )
    .layout(Layout::SidebarLeftFrameBackground)
    .background("https://cdn.acme.example/events/summit-2025.png"),
    flow("guest-wifi-portal", "Guest Wi-Fi Portal", "Connect to Guest Wi-Fi", "enrollment")
        .layout(Layout::SidebarLeft)
        .compatibility_mode(),
    flow("anmeldung-at", "Anmeldung Österreich", "Willkommen!", "authentication"),
];

pub const STAGES: &[StageEntry] = &[
    stage("default-enrollment-captcha", RecaptchaV2, &["default-enrollment-flow"]),
    stage(
        "default-authentication-captcha",
        RecaptchaV2,
        &["default-authentication-flow", "default-source-authentication"],
    ),
    stage("default-recovery-captcha", RecaptchaV2, &["default-recovery-flow"]),
    stage("signup-hcaptcha", HCaptcha, &["customer-signup", "newsletter-signup"]),
    stage(
        "turnstile-login",
        Turnstile,
        &["customer-portal-login", "support-desk-login", "partner-login"],
    ),
    stage(
        "Recovery captcha (v3)",
        RecaptchaV3,
        &["self-service-password-reset", "account-recovery-email"],
    )
    .score(0.7, 1.0),
    stage("legacy-recaptcha-v2", RecaptchaLegacy, &["legacy-app-login"]),
    stage("legacy_google_recaptcha", RecaptchaLegacy, &[]),
    stage("enterprise-login-score", RecaptchaEnterprise, &["employee-sso"]),
    stage("enterprise-signup-score", RecaptchaEnterprise, &["customer-signup"]).score(0.3, 0.9),
    stage("partner-portal-turnstile", Turnstile, &["partner-portal-enrollment", "partner-login"]),
    stage("internal-captcha", SelfHosted, &["employee-sso", "contractor-onboarding"]),
    stage("hcaptcha-recovery", HCaptcha, &["default-recovery-flow"]),
    stage("turnstile-managed", Turnstile, &[]),
    stage("beta 50% rollout captcha", HCaptcha, &["beta-program-enrollment"]),
    stage("Kiosk Turnstile", Turnstile, &["kiosk-authentication"]),
    stage("newsletter-recaptcha-v3", RecaptchaV3, &["newsletter-signup"]).score(0.3, 1.0),
    stage("support-desk-hcaptcha", HCaptcha, &["support-desk-login"]),
    stage("api-consent-captcha", RecaptchaV2, &["api-consent"]),
    stage(
        "account-deletion-captcha",
        Turnstile,
        &["account-deletion", "default-unenrollment-flow"],
    ),
    stage("mfa-setup-captcha", RecaptchaV2, &["totp-setup", "default-user-settings-flow"]),
    stage("guest-wifi-captcha", HCaptcha, &["guest-wifi-portal"]).score(-1.0, 1.0),
    stage("event-registration-turnstile", Turnstile, &["event-registration-2025"]),
    stage("Anmeldung-Captcha (Österreich)", RecaptchaV2, &["anmeldung-at"]),
    stage("contractor-onboarding-captcha", RecaptchaEnterprise, &["contractor-onboarding"]),
    stage("recaptcha-test-keys", RecaptchaV2, &[]).key("6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI"),
    stage("hcaptcha-test-keys", HCaptcha, &[]).key("10000000-ffff-ffff-ffff-000000000001"),
    stage("turnstile-test-always-pass", Turnstile, &[]).key("1x00000000000000000000AA"),
    stage("source-enrollment-captcha", RecaptchaV2, &["default-source-enrollment"]),
    stage(
        "partner-portal-enrollment-captcha-for-external-contractors-emea-region",
        RecaptchaEnterprise,
        &[
            "partner-portal-enrollment",
            "contractor-onboarding",
            "partner-login",
            "default-source-enrollment",
            "beta-program-enrollment",
        ],
    ),
    stage("customer-portal-login-v3", RecaptchaV3, &["customer-portal-login"]),
    stage("customer_portal_signup_v2", RecaptchaV2, &["customer-signup"]),
    stage("strict-score-0.9", RecaptchaEnterprise, &["employee-sso"]).score(0.9, 1.0),
    stage("lenient-score-0.3", RecaptchaV3, &["newsletter-signup"]).score(0.3, 1.0),
    stage("score-only-no-error", RecaptchaV3, &[]).no_error(),
    stage("sandbox-hcaptcha", HCaptcha, &[]).no_error(),
    stage("staging-turnstile", Turnstile, &[]),
    stage("staging-recaptcha", RecaptchaV2, &[]).score(-1.0, -1.0).no_error(),
    stage("Admin login Turnstile", Turnstile, &["default-authentication-flow"]),
    stage("password-reset-hcaptcha", HCaptcha, &["self-service-password-reset"]),
    stage(
        "invitation-enrollment-captcha",
        RecaptchaV2,
        &["contractor-onboarding", "partner-portal-enrollment"],
    ),
    stage(
        "mobile-app-login-captcha",
        RecaptchaEnterprise,
        &["legacy-app-login", "customer-portal-login"],
    )
    .score(0.5, 0.9),
    stage("emea-signup-turnstile", Turnstile, &["customer-signup"]),
    stage("apac-signup-turnstile", Turnstile, &["customer-signup"]),
    stage("us-signup-turnstile", Turnstile, &["customer-signup"]),
    stage("old-signup-captcha (2022)", RecaptchaLegacy, &[]),
    stage("helpdesk-recovery-captcha", RecaptchaV2, &["account-recovery-email"]),
    stage("school-portal-hcaptcha", HCaptcha, &["guest-wifi-portal", "event-registration-2025"]),
    stage("self-hosted-captcha-staging", SelfHosted, &[]).no_error(),
    stage("donation-form-captcha", HCaptcha, &["newsletter-signup"]),
    stage("webinar-registration-captcha", RecaptchaV3, &["event-registration-2025"])
        .score(0.3, 0.9),
    stage("captcha-do-not-use", RecaptchaV2, &[]),
    stage("Copy of default-enrollment-captcha", RecaptchaV2, &[]),
    stage("unenrollment-turnstile", Turnstile, &["account-deletion"]),
    stage(
        "consent-hcaptcha",
        HCaptcha,
        &["api-consent", "default-provider-authorization-explicit-consent"],
    ),
    stage(
        "sso-enterprise-captcha",
        RecaptchaEnterprise,
        &["employee-sso", "default-source-authentication"],
    ),
    stage("Login CAPTCHA", RecaptchaV2, &["default-authentication-flow"]),
    stage("login-captcha", HCaptcha, &["support-desk-login"]),
    stage(
        "recovery-turnstile",
        Turnstile,
        &["default-recovery-flow", "self-service-password-reset"],
    ),
    stage("zz-archived-captcha", RecaptchaLegacy, &[]).score(0.0, 1.0),
];
