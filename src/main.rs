fn main() {
    quote_explorer::crash::show_on_panic();
    quote_explorer::mount::start();
}
