//! In a browser, the explorer; on a computer, the `quote-explorer` command (`cargo install
//! --path .`).

// The page's start-up script calls `startExplorer` (`mount::start_explorer`) with the page's
// corpus once the module is ready; naming the library links it, exports and all.
#[cfg(target_arch = "wasm32")]
use quote_explorer as _;

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(quote_explorer::command::main(std::env::args().skip(1).collect()));
}
