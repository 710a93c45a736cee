//! A small static file server for `dist/`, used by `serve --release` and the end-to-end tests.

use crate::Result;
use std::path::{Component, Path, PathBuf};
use tiny_http::{Header, Response, Server};

/// Serves `dir` on `127.0.0.1:port` (0 picks a free port) from a background thread; returns the
/// port it listens on.
pub fn spawn(dir: PathBuf, port: u16) -> Result<u16> {
    let server = Server::http(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let port = server.server_addr().to_ip().map_or(port, |a| a.port());
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let response = respond(&dir, request.url());
            let _ = request.respond(response);
        }
    });
    Ok(port)
}

fn respond(dir: &Path, url: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let relative = Path::new(path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Response::from_string("bad path").with_status_code(400);
    }
    let mut file = dir.join(relative);
    if path.ends_with('/') || file.is_dir() {
        file = file.join("index.html");
    }
    match std::fs::read(&file) {
        Ok(bytes) => {
            let mut response = Response::from_data(bytes);
            if let Ok(header) = Header::from_bytes("Content-Type", content_type(&file)) {
                response = response.with_header(header);
            }
            if let Ok(header) = Header::from_bytes("Cache-Control", "no-cache") {
                response = response.with_header(header);
            }
            response
        }
        Err(_) => Response::from_string("not found").with_status_code(404),
    }
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}
