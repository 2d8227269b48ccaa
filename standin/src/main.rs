//! `standin`: a local stand-in for authentik's `GET /api/v3/stages/captcha/`, so the admin page
//! can be developed and tested without an authentik server.

mod canned;
mod catalogue;
mod data;
mod failure;
mod http;
mod query;
mod scenario;
mod shape;
mod wire;

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use axum::http::StatusCode;
use clap::Parser;

use crate::http::Settings;
use crate::scenario::{failure_status, stage_count, Behaviour};
use crate::shape::Shape;

/// A local stand-in for authentik's captcha stage list (GET /api/v3/stages/captcha/).
///
/// Per-request overrides: /scenario/<spec>/api/v3/stages/captcha/, where <spec> joins with `+`
/// any of: empty, status-<code>, token-<token>, slow-<ms>, flaky-<key>, shape-<version>,
/// stages-<n>, stagger-<ms>, hang, nocors, body-<kind>, shrink-<n>, label-<text>.
///
/// GET /scenario/<spec>/requests answers how many list requests that spec has had.
///
/// stagger-<ms>: requests are counted per spec string; request k (from 0) waits ms/(k+1) ms, so an
/// older request answers after a newer one. stagger-<ms>-<label> starts its own count.
///
/// shrink-<n>: from request n (from 0) of the spec on, the server holds half its stages.
///
/// label-<text>: changes nothing but makes the spec, and so its request count, unique.
///
/// hang: never answer (the server gives up after an hour).
///
/// nocors: no CORS headers under this spec, preflights included, even with --cors.
///
/// body-<kind>: answer 200 with an odd body instead of the list, one of: notjson, truncated,
/// empty, array, wrongshape, wrongtype, badpagination, nopagination, overfull, countsmall,
/// beyond, huge, longnames, markup, futureenums.
#[derive(Debug, Parser)]
#[command(name = "standin", version)]
struct Cli {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Also serve this built admin page at `/`, with index.html for unknown non-API paths. Its
    /// files go out with `X-Content-Type-Options: nosniff`.
    #[arg(long, value_name = "DIR")]
    dist: Option<PathBuf>,
    /// Require `Authorization: Bearer <TOKEN>` on API requests.
    #[arg(long)]
    token: Option<String>,
    /// Wait this long before answering each API request.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    latency_ms: u64,
    /// Answer every API request with this status (400-599) and a realistic body.
    #[arg(long, value_name = "CODE", value_parser = failure_status)]
    fail_status: Option<StatusCode>,
    /// Send permissive CORS headers (real authentik sends none).
    #[arg(long)]
    cors: bool,
    /// Send a strict Content-Security-Policy with the page's files (no inline code or styles,
    /// no other origins).
    #[arg(long, requires = "dist")]
    csp: bool,
    /// The authentik release whose JSON shape and page-size rules to imitate:
    /// 2022.12, 2024.8, 2025.10 or 2026.5.
    #[arg(long, value_name = "VERSION", default_value = "2024.8")]
    shape: Shape,
    /// How many demo stages the server holds (0 for an empty server).
    #[arg(long, value_name = "N", default_value = "60", value_parser = stage_count)]
    stages: usize,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match serve(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("standin: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(cli: Cli) -> Result<(), String> {
    if let Some(dist) = &cli.dist {
        // Fail now rather than answer every page request with a 404 later.
        if !dist.join("index.html").is_file() {
            return Err(format!("--dist {}: no index.html in that directory", dist.display()));
        }
    }
    let settings = Settings {
        behaviour: Behaviour {
            token: cli.token,
            latency: Duration::from_millis(cli.latency_ms),
            fail_status: cli.fail_status,
            shape: cli.shape,
            stages: cli.stages,
            ..Behaviour::default()
        },
        dist: cli.dist,
        cors: cli.cors,
        csp: cli.csp,
    };
    let listener = tokio::net::TcpListener::bind(cli.addr)
        .await
        .map_err(|error| format!("cannot listen on {}: {error}", cli.addr))?;
    let addr = listener.local_addr().map_err(|error| error.to_string())?;
    // Scripts wait for this line to learn the port, so it must not sit in a buffer.
    let mut stdout = std::io::stdout();
    writeln!(stdout, "standin listening on http://{addr}")
        .and_then(|()| stdout.flush())
        .map_err(|error| format!("cannot write to stdout: {error}"))?;
    let server = axum::serve(listener, http::router(settings)).with_graceful_shutdown(async {
        // Without a handler for Ctrl-C there is nothing to shut down gracefully; just stop.
        let _ = tokio::signal::ctrl_c().await;
    });
    tokio::select! {
        result = server => result.map_err(|error| format!("server stopped: {error}")),
        // A graceful shutdown waits for every open request, and a `hang` request never ends.
        () = stop_waiting_after_ctrl_c() => Ok(()),
    }
}

/// Completes a moment after Ctrl-C, giving requests that can finish the time to do so.
async fn stop_waiting_after_ctrl_c() {
    const GRACE: Duration = Duration::from_secs(1);
    if tokio::signal::ctrl_c().await.is_err() {
        // No signal handler, so no shutdown to cut short.
        std::future::pending::<()>().await;
    }
    tokio::time::sleep(GRACE).await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    use crate::canned::BodyKind;
    use crate::scenario::KNOWN_PARTS;

    #[test]
    fn the_help_lists_every_scenario_part_and_body_kind() {
        let help = Cli::command().render_long_help().to_string();
        for part in KNOWN_PARTS.split(", ") {
            assert!(help.contains(part), "{part} is missing from --help");
        }
        for kind in BodyKind::ALL {
            assert!(help.contains(kind.as_str()), "body-{kind} is missing from --help");
        }
        assert!(help.contains("--csp"));
    }

    #[test]
    fn csp_is_for_the_page_so_it_needs_dist() {
        assert!(Cli::try_parse_from(["standin", "--csp"]).is_err());
        let cli = Cli::try_parse_from(["standin", "--dist", "dist", "--csp"]).unwrap();
        assert!(cli.csp);
        assert!(!Cli::try_parse_from(["standin", "--dist", "dist"]).unwrap().csp);
    }
}
