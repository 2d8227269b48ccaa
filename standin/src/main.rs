//! `standin`: a local stand-in for authentik's `GET /api/v3/stages/captcha/`, so the admin page
//! can be developed and tested without an authentik server.

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
/// stages-<n>.
#[derive(Debug, Parser)]
#[command(name = "standin", version)]
struct Cli {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Also serve this built admin page at `/`, with index.html for unknown non-API paths.
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
            flaky_key: None,
        },
        dist: cli.dist,
        cors: cli.cors,
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
    axum::serve(listener, http::router(settings))
        .with_graceful_shutdown(async {
            // Without a handler for Ctrl-C there is nothing to shut down gracefully; just stop.
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|error| format!("server stopped: {error}"))
}
