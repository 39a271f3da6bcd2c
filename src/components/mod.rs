//! The user interface, in Leptos components. Each reads the [`crate::store::Store`] from
//! context and renders what the engine builds; a reader's action goes to a store method.

mod app;
mod article;
mod compare;
mod concordance;
mod corpus_picker;
mod export_menu;
mod facets;
mod import;
mod keyness;
mod overview;
mod quote_card;
mod results;
mod search;
mod trends;
mod view_switch;

pub use app::App;
