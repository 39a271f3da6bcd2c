//! In a browser, the explorer; on a computer, the `quote-explorer` command (`cargo install
//! --path .`).

#[cfg(target_arch = "wasm32")]
fn main() {
    quote_explorer::mount::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(quote_explorer::command::main(std::env::args().skip(1).collect()));
}
