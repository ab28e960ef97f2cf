//! `hoctap serve`.

use hoctap::serve::{self, Event, Options};
use hoctap::{Config, Language, Overrides};

use crate::cli::ServeArgs;
use crate::report;

/// Serves the portal and prints one line per rebuild until stopped.
pub(crate) fn run(args: &ServeArgs) -> anyhow::Result<report::Exit> {
    let root = args.portal.root();
    let lang = args
        .portal
        .lang
        .unwrap_or_else(|| Config::load(root, &Overrides::default()).map(|c| c.language).unwrap_or_default());
    let listening = match serve::listen(args.bind, args.port) {
        Ok(listening) => listening,
        Err(problem) => {
            eprintln!("{}", problem.render(lang));
            return Ok(report::Exit::Usage);
        }
    };
    if let (Some(busy), Ok(address)) = (listening.busy, listening.listener.local_addr()) {
        let port = address.port();
        match lang {
            Language::Vi => println!("Cổng {busy} đang được chương trình khác dùng; dùng cổng {port}."),
            Language::En => println!("Port {busy} is in use by another program; using port {port}."),
        }
    }
    let options =
        Options { root: root.to_path_buf(), drafts: args.drafts, base_url: args.base_url.clone(), poll: args.poll };
    let open = args.open;
    let result = serve::run(&options, listening.listener, lang, move |event| {
        print_event(event, lang);
        if let (Event::Ready(address), true) = (event, open) {
            open_browser(*address, lang);
        }
    });
    match result {
        Ok(()) => Ok(report::Exit::Success),
        Err(e) => report::failure(&e, lang),
    }
}

fn print_event(event: &Event, lang: Language) {
    match (event, lang) {
        (Event::Ready(address), Language::Vi) => {
            println!("Đang phục vụ tại http://{address}/ — lưu tệp để xem thay đổi, Ctrl+C để dừng");
        }
        (Event::Ready(address), Language::En) => {
            println!("Serving at http://{address}/ — save a file to see it change, Ctrl+C to stop");
        }
        (Event::Rebuilt { page, files, took }, _) => {
            let what = page.as_deref().unwrap_or("*");
            println!("↻ {what}: {files} ({:.0} ms)", took.as_secs_f64() * 1000.0);
        }
        (Event::Failed(diagnostics), _) => report::warnings(diagnostics, lang),
    }
}

/// `--open`: the served address in the default browser (through `wslview` or Windows on WSL);
/// a computer without one gets a line saying so, and serving goes on.
fn open_browser(address: std::net::SocketAddr, lang: Language) {
    let host = match address.ip() {
        ip if ip.is_unspecified() && ip.is_ipv4() => "127.0.0.1".to_string(),
        ip if ip.is_unspecified() => "[::1]".to_string(),
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    let url = format!("http://{host}:{}/", address.port());
    if let Err(e) = open::that_detached(&url) {
        match lang {
            Language::Vi => eprintln!("Không mở được trình duyệt ({e}); hãy tự mở {url}"),
            Language::En => eprintln!("Cannot open a browser ({e}); open {url} yourself"),
        }
    }
}
