//! The demo data set: captcha stages and the flows bound to them.
//!
//! Everything here is deterministic. The first rows come from the hand-written catalogue; rows
//! past its end are generated. Ids and keys are derived from each row's name, so a stage keeps
//! its `pk` whatever `--stages` says, and a test can name a row it expects.

use crate::catalogue::{FlowEntry, StageEntry, FLOWS, STAGES};
use crate::shape::Shape;

/// The most stages one list may hold; a typo such as `stages-10000000` should fail, not eat RAM.
pub const MAX_STAGES: usize = 100_000;

/// The image authentik shows behind a flow until an admin uploads another.
pub const STOCK_BACKGROUND: &str = "/static/dist/assets/images/flow_background.jpg";

/// A captcha stage as the server stores it; `wire.rs` decides which fields a release sends.
#[derive(Clone, Debug, PartialEq)]
pub struct Stage {
    pub pk: String,
    pub name: String,
    pub provider: Provider,
    pub public_key: String,
    pub score: Score,
    /// The flows this stage is bound to, in binding order.
    pub flows: Vec<Flow>,
}

/// The slice of a flow that the stage list embeds in `flow_set`.
#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    pub pk: String,
    pub policybindingmodel_ptr_id: String,
    pub name: &'static str,
    pub slug: &'static str,
    pub title: &'static str,
    pub designation: &'static str,
    pub background: &'static str,
    pub policy_engine_mode: &'static str,
    pub compatibility_mode: bool,
    pub layout: Layout,
    pub denied_action: &'static str,
}

/// The score window of a stage and what happens outside it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Score {
    pub min: f64,
    pub max: f64,
    pub error_on_invalid: bool,
}

/// Who serves the captcha widget; it decides the URLs and the shape of the public key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Provider {
    /// Checkbox reCAPTCHA; the list payload cannot tell it from v3 except by `interactive`.
    RecaptchaV2,
    RecaptchaV3,
    RecaptchaEnterprise,
    /// Stages made on 2022.12 still point at www.google.com.
    RecaptchaLegacy,
    HCaptcha,
    Turnstile,
    /// A company's own captcha service speaking the reCAPTCHA protocol.
    SelfHosted,
}

/// A flow's layout. The last two arrived in 2026.2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Stacked,
    ContentLeft,
    ContentRight,
    SidebarLeft,
    SidebarRight,
    SidebarLeftFrameBackground,
    SidebarRightFrameBackground,
}

impl Stage {
    pub fn js_url(&self) -> &'static str {
        self.provider.js_url()
    }

    pub fn api_url(&self) -> &'static str {
        self.provider.api_url()
    }

    /// Whether the widget asks the user to act; score-only widgets run invisibly.
    pub fn interactive(&self) -> bool {
        !matches!(self.provider, Provider::RecaptchaV3 | Provider::RecaptchaEnterprise)
    }
}

impl Flow {
    pub fn export_url(&self) -> String {
        format!("/api/v3/flows/instances/{}/export/", self.slug)
    }
}

impl Score {
    /// What a new stage gets.
    pub const DEFAULT: Score = Score { min: 0.5, max: 1.0, error_on_invalid: true };
}

impl Provider {
    pub fn js_url(self) -> &'static str {
        match self {
            Provider::RecaptchaV2 | Provider::RecaptchaV3 => {
                "https://www.recaptcha.net/recaptcha/api.js"
            }
            Provider::RecaptchaEnterprise => "https://www.recaptcha.net/recaptcha/enterprise.js",
            Provider::RecaptchaLegacy => "https://www.google.com/recaptcha/api.js",
            Provider::HCaptcha => "https://js.hcaptcha.com/1/api.js",
            Provider::Turnstile => "https://challenges.cloudflare.com/turnstile/v0/api.js",
            Provider::SelfHosted => "https://captcha.internal.example/api.js",
        }
    }

    pub fn api_url(self) -> &'static str {
        match self {
            Provider::RecaptchaV2 | Provider::RecaptchaV3 | Provider::RecaptchaEnterprise => {
                "https://www.recaptcha.net/recaptcha/api/siteverify"
            }
            Provider::RecaptchaLegacy => "https://www.google.com/recaptcha/api/siteverify",
            Provider::HCaptcha => "https://api.hcaptcha.com/siteverify",
            Provider::Turnstile => "https://challenges.cloudflare.com/turnstile/v0/siteverify",
            Provider::SelfHosted => "https://captcha.internal.example/siteverify",
        }
    }

    /// How this provider's site keys look: a page that truncates or masks keys should be tried
    /// on each of these.
    fn public_key(self, rng: &mut Rng) -> String {
        match self {
            // 40 characters: "6L", a letter, five characters, "AAAAA", and 27 more.
            Provider::RecaptchaV2
            | Provider::RecaptchaV3
            | Provider::RecaptchaEnterprise
            | Provider::RecaptchaLegacy => {
                let variant = rng.pick(b"cdef");
                format!(
                    "6L{}{}AAAAA{}",
                    char::from(*variant),
                    rng.text(URL_SAFE, 5),
                    rng.text(URL_SAFE, 27)
                )
            }
            Provider::HCaptcha => rng.uuid(),
            Provider::Turnstile => format!("0x4AAAAAAA{}", rng.text(URL_SAFE, 14)),
            Provider::SelfHosted => format!("site_{}", rng.text(b"0123456789abcdef", 24)),
        }
    }

    /// The word admins put into a stage name to say which provider it uses.
    fn name_tag(self) -> &'static str {
        match self {
            Provider::RecaptchaV2 | Provider::RecaptchaLegacy => "recaptcha",
            Provider::RecaptchaV3 => "recaptcha-v3",
            Provider::RecaptchaEnterprise => "enterprise",
            Provider::HCaptcha => "hcaptcha",
            Provider::Turnstile => "turnstile",
            Provider::SelfHosted => "internal-captcha",
        }
    }
}

impl Layout {
    /// The layout's value as the given release spells it. Releases before 2026.2 never stored
    /// the frame-background layouts, so a flow using one shows the layout it grew out of.
    pub fn name_in(self, shape: Shape) -> &'static str {
        let newer = shape.is_2025_12_or_later();
        match self {
            Layout::Stacked => "stacked",
            Layout::ContentLeft => "content_left",
            Layout::ContentRight => "content_right",
            Layout::SidebarLeft => "sidebar_left",
            Layout::SidebarRight => "sidebar_right",
            Layout::SidebarLeftFrameBackground if newer => "sidebar_left_frame_background",
            Layout::SidebarLeftFrameBackground => "sidebar_left",
            Layout::SidebarRightFrameBackground if newer => "sidebar_right_frame_background",
            Layout::SidebarRightFrameBackground => "sidebar_right",
        }
    }
}

/// The first `count` demo stages, in creation order (the list endpoint sorts them).
pub fn demo_stages(count: usize) -> Vec<Stage> {
    let flows: Vec<Flow> = FLOWS.iter().map(build_flow).collect();
    (0..count)
        .map(|index| match STAGES.get(index) {
            Some(entry) => build_stage(entry, &flows),
            None => generated_stage(index, &flows),
        })
        .collect()
}

fn build_flow(entry: &FlowEntry) -> Flow {
    let mut rng = Rng::seeded(&format!("flow {}", entry.slug));
    Flow {
        pk: rng.uuid(),
        policybindingmodel_ptr_id: rng.uuid(),
        name: entry.name,
        slug: entry.slug,
        title: entry.title,
        designation: entry.designation,
        background: entry.background.unwrap_or(STOCK_BACKGROUND),
        policy_engine_mode: entry.policy_engine_mode,
        compatibility_mode: entry.compatibility_mode,
        layout: entry.layout,
        denied_action: entry.denied_action,
    }
}

fn build_stage(entry: &StageEntry, flows: &[Flow]) -> Stage {
    let bound = entry
        .flows
        .iter()
        .map(|slug| {
            let flow = flows.iter().find(|flow| flow.slug == *slug);
            flow.unwrap_or_else(|| panic!("stage {:?} names unknown flow {slug:?}", entry.name))
        })
        .cloned()
        .collect();
    stage_named(entry.name.to_owned(), entry.provider, entry.score, bound, entry.public_key)
}

fn stage_named(
    name: String,
    provider: Provider,
    score: Score,
    flows: Vec<Flow>,
    fixed_key: Option<&str>,
) -> Stage {
    let mut rng = Rng::seeded(&format!("stage {name}"));
    let pk = rng.uuid();
    let public_key = fixed_key.map_or_else(|| provider.public_key(&mut rng), str::to_owned);
    Stage { pk, name, provider, public_key, score, flows }
}

/// A row past the catalogue, for servers with hundreds of stages (one per tenant, say).
fn generated_stage(index: usize, flows: &[Flow]) -> Stage {
    use Provider::*;
    // Weighted towards the defaults, as real servers are.
    const PROVIDERS: &[Provider] = &[
        RecaptchaV2,
        RecaptchaV2,
        RecaptchaV3,
        RecaptchaEnterprise,
        HCaptcha,
        HCaptcha,
        Turnstile,
        Turnstile,
        RecaptchaLegacy,
    ];
    const PURPOSES: &[&str] = &["login", "signup", "recovery", "consent", "checkout", "contact"];
    const SCORES: &[(f64, f64)] = &[
        (0.5, 1.0),
        (0.5, 1.0),
        (0.5, 1.0),
        (0.5, 1.0),
        (0.5, 1.0),
        (0.3, 1.0),
        (0.7, 1.0),
        (0.3, 0.9),
        (-1.0, 1.0),
    ];
    const FLOW_COUNTS: &[usize] = &[0, 0, 1, 1, 1, 2, 2, 3, 4, 5];

    let mut rng = Rng::seeded(&format!("generated stage {index}"));
    let provider = *rng.pick(PROVIDERS);
    let name = format!("tenant-{:03}-{}-{}", index + 1, rng.pick(PURPOSES), provider.name_tag());
    let &(min, max) = rng.pick(SCORES);
    let score = Score { min, max, error_on_invalid: rng.below(8) != 0 };
    let wanted = (*rng.pick(FLOW_COUNTS)).min(flows.len());
    let mut bound: Vec<Flow> = Vec::with_capacity(wanted);
    while bound.len() < wanted {
        let flow = rng.pick(flows);
        if !bound.iter().any(|taken| taken.slug == flow.slug) {
            bound.push(flow.clone());
        }
    }
    stage_named(name, provider, score, bound, None)
}

const URL_SAFE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A 64-bit linear congruential generator (Knuth's MMIX constants), seeded from a label.
///
/// It only has to look random to a person reading keys and ids; taking the high bits avoids the
/// short cycles of an LCG's low bits.
struct Rng(u64);

impl Rng {
    /// Seeds with the FNV-1a hash of `label`, so each row gets its own stream.
    fn seeded(label: &str) -> Rng {
        let hash = label.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
        Rng(hash)
    }

    fn next_u32(&mut self) -> u32 {
        self.0 =
            self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 32) as u32
    }

    /// A number in `0..n`; the slight bias of the modulo does not matter for demo data.
    fn below(&mut self, n: usize) -> usize {
        self.next_u32() as usize % n
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn text(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len).map(|_| char::from(*self.pick(alphabet))).collect()
    }

    /// A random (version 4) UUID in its usual lower-case form.
    fn uuid(&mut self) -> String {
        let mut hex: Vec<u8> = self.text(b"0123456789abcdef", 32).into_bytes();
        hex[12] = b'4';
        hex[16] = *self.pick(b"89ab");
        let hex = String::from_utf8(hex).expect("hex digits are ASCII");
        format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    const DESIGNATIONS: &[&str] = &[
        "authentication",
        "authorization",
        "invalidation",
        "enrollment",
        "unenrollment",
        "recovery",
        "stage_configuration",
    ];

    #[test]
    fn the_default_server_has_sixty_stages_with_unique_names_and_pks() {
        let stages = demo_stages(60);
        assert_eq!(stages.len(), 60);
        let names: HashSet<&str> = stages.iter().map(|s| s.name.as_str()).collect();
        let pks: HashSet<&str> = stages.iter().map(|s| s.pk.as_str()).collect();
        assert_eq!((names.len(), pks.len()), (60, 60));
    }

    #[test]
    fn data_is_the_same_on_every_run_and_a_prefix_of_larger_sets() {
        assert_eq!(demo_stages(60), demo_stages(60));
        assert_eq!(demo_stages(250)[..60], demo_stages(60)[..]);
        let many = demo_stages(250);
        let names: HashSet<&str> = many.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names.len(), 250);
    }

    #[test]
    fn keys_have_their_providers_shapes() {
        for stage in demo_stages(200) {
            let key = &stage.public_key;
            match stage.provider {
                Provider::HCaptcha => assert!(is_uuid(key), "{key}"),
                Provider::Turnstile => {
                    assert!(key.starts_with("0x4AAAAAAA") || key.starts_with("1x"))
                }
                Provider::SelfHosted => assert!(key.starts_with("site_")),
                _ => assert!(key.starts_with("6L") && key.len() == 40, "{key}"),
            }
            assert!(is_uuid(&stage.pk));
        }
    }

    #[test]
    fn flows_look_like_authentiks() {
        let stages = demo_stages(200);
        let flows = stages.iter().flat_map(|stage| &stage.flows);
        for flow in flows {
            assert!(DESIGNATIONS.contains(&flow.designation), "{}", flow.designation);
            assert!(flow.slug.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b)));
            assert!(flow.slug.len() <= 50);
            assert!(is_uuid(&flow.pk) && is_uuid(&flow.policybindingmodel_ptr_id));
        }
        assert!(stages.iter().all(|stage| stage.flows.len() <= 5));
        assert!(stages.iter().filter(|stage| stage.flows.is_empty()).count() >= 5);
    }

    #[test]
    fn new_layouts_fall_back_to_their_ancestor_before_2026() {
        let layout = Layout::SidebarLeftFrameBackground;
        assert_eq!(layout.name_in(Shape::V2024_8), "sidebar_left");
        assert_eq!(layout.name_in(Shape::V2026_5), "sidebar_left_frame_background");
    }

    fn is_uuid(text: &str) -> bool {
        let groups: Vec<usize> = text.split('-').map(str::len).collect();
        groups == [8, 4, 4, 4, 12] && text.bytes().all(|b| b == b'-' || b.is_ascii_hexdigit())
    }
}
