fn main() {
    leptos::mount::mount_to_body(quote_explorer::components::App);
}
