//! A real server on loopback under hostile clients (issue 14): the `Host`
//! check, stalled and idle connections, the connection cap and the bounded
//! reader pool, all answered with JSON errors.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use herald_core::Span;
use herald_input::{Origin, Story};
use herald_server::{Limits, Server};
use herald_store::Writer;

/// Starts a server over a small store; it runs until the test process ends.
fn start(limits: Limits) -> (tempfile::TempDir, SocketAddr) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("herald.db");
    let mut writer = Writer::open(&db).unwrap();
    let mut batch = writer.batch().unwrap();
    let story = Story {
        id: "a".into(),
        date: None,
        source: None,
        title: None,
        text: "Nothing happened.".into(),
        extra: Default::default(),
        origin: Origin { file: "t".into(), line: 1 },
        warnings: Vec::new(),
    };
    batch.add_story(&story, &[Span::new(0, 17)], &[]).unwrap();
    batch.commit().unwrap();
    drop(writer);
    let server = Server::bind_with(&db, "127.0.0.1:0".parse().unwrap(), limits).unwrap();
    let addr = server.local_addr().unwrap();
    std::thread::spawn(move || server.run().unwrap());
    (dir, addr)
}

/// Sends `request` and reads until the server closes or `wait` passes.
fn exchange(addr: SocketAddr, request: &str, wait: Duration) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(wait)).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn get(addr: SocketAddr, host: &str) -> String {
    let request = format!("GET /api/summary HTTP/1.1\r\nhost: {host}\r\nconnection: close\r\n\r\n");
    exchange(addr, &request, Duration::from_secs(5))
}

#[test]
fn only_this_servers_host_names_are_answered() {
    let (_dir, addr) = start(Limits::default());
    let port = addr.port();
    for host in
        [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("LOCALHOST:{port}")]
    {
        let answer = get(addr, &host);
        assert!(answer.starts_with("HTTP/1.1 200"), "{host}: {answer}");
    }
    for host in
        [format!("evil.example:{port}"), "127.0.0.1".to_string(), format!("127.0.0.1:{}", port + 1)]
    {
        let answer = get(addr, &host);
        assert!(answer.starts_with("HTTP/1.1 403"), "{host}: {answer}");
        assert!(answer.contains(r#""code":"forbidden_host""#), "{answer}");
        assert!(answer.contains("x-content-type-options: nosniff"), "{answer}");
    }
}

#[test]
fn stalled_and_idle_connections_are_closed() {
    let limits = Limits { header_read: Duration::from_millis(300), ..Limits::default() };
    let (_dir, addr) = start(limits);
    // Sends nothing, or half a request line: closed after the header timeout.
    for request in ["", "GET /api/summ"] {
        let started = Instant::now();
        let answer = exchange(addr, request, Duration::from_secs(5));
        assert!(started.elapsed() < Duration::from_secs(3), "{request:?} held open");
        assert!(!answer.starts_with("HTTP/1.1 200"), "{answer}");
    }
    // A keep-alive connection left idle after its answer is closed too.
    let started = Instant::now();
    let host = format!("127.0.0.1:{}", addr.port());
    let answer = exchange(
        addr,
        &format!("GET /api/summary HTTP/1.1\r\nhost: {host}\r\n\r\n"),
        Duration::from_secs(5),
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(3), "idle keep-alive connection held open");
}

#[test]
fn connections_over_the_cap_get_a_json_503() {
    let limits = Limits { connections: 3, ..Limits::default() };
    let (_dir, addr) = start(limits);
    let stalled: Vec<TcpStream> = (0..3).map(|_| TcpStream::connect(addr).unwrap()).collect();
    // Let the server accept them before the next one.
    std::thread::sleep(Duration::from_millis(200));
    let answer = get(addr, &format!("127.0.0.1:{}", addr.port()));
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.contains(r#""code":"busy""#), "{answer}");
    drop(stalled);
    std::thread::sleep(Duration::from_millis(200));
    assert!(get(addr, &format!("127.0.0.1:{}", addr.port())).starts_with("HTTP/1.1 200"));
}

#[test]
fn requests_that_find_no_reader_get_a_json_503() {
    let limits = Limits { readers: 1, reader_wait: Duration::ZERO, ..Limits::default() };
    let (_dir, addr) = start(limits);
    let host = format!("127.0.0.1:{}", addr.port());
    let answers: Vec<String> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..64).map(|_| scope.spawn(|| get(addr, &host))).collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    let busy = answers.iter().filter(|a| a.starts_with("HTTP/1.1 503")).count();
    let ok = answers.iter().filter(|a| a.starts_with("HTTP/1.1 200")).count();
    assert_eq!(ok + busy, answers.len(), "only answers or 503s: {answers:?}");
    assert!(ok > 0 && busy > 0, "{ok} answered, {busy} busy");
    for a in answers.iter().filter(|a| a.starts_with("HTTP/1.1 503")) {
        assert!(a.contains(r#""code":"busy""#), "{a}");
    }
}
