fn main() {
    quote_explorer::mount::start();
}
