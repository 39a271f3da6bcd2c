//! The floor page (`src/main.rs`) drawn from the explorer's own engine: the page's corpus
//! read and checked by the app's reader, indexed, searched and counted by its catalog, the
//! cards' lines built by it. Against the plain floor, what the engine and the corpus reader
//! cost the first screen, before anything the app draws.
#![allow(dead_code, unused_imports)]

// The app's pure layers, compiled from its own sources.
#[path = "../../../../src/chunked/mod.rs"]
mod chunked;
#[path = "../../../../src/corpus/mod.rs"]
mod corpus;
#[path = "../../../../src/engine/mod.rs"]
mod engine;
#[path = "../../../../src/order.rs"]
mod order;

use std::sync::Arc;

use engine::{Catalog, Facet, Query};
use leptos::prelude::*;

fn main() {
    let text = document().get_element_by_id("corpus").and_then(|e| e.text_content()).unwrap_or_default();
    let Ok((corpus, links)) = corpus::parse_linked(&text) else { return };
    let catalog = Arc::new(Catalog::linked(corpus, links));
    mount_to_body(move || {
        let (query, set_query) = signal(Query::default());
        let results = Memo::new({
            let catalog = catalog.clone();
            move |_| Arc::new(query.with(|q| catalog.search(q)))
        });
        let speakers: Vec<(usize, String, String)> = catalog
            .index
            .values(Facet::Speaker)
            .iter()
            .enumerate()
            .map(|(at, v)| (at, v.id.clone(), v.label.clone()))
            .collect();
        view! {
            <input
                type="search"
                prop:value=move || query.with(|q| q.text.clone())
                on:input=move |ev| set_query.update(|q| q.text = event_target_value(&ev))
            />
            <fieldset>
                <For each=move || speakers.clone() key=|(at, _, _)| *at let((at, id, label))>
                    {
                        let checked_id = id.clone();
                        view! {
                            <label>
                                <input
                                    type="checkbox"
                                    prop:checked=move || query.with(|q| q.is_selected(Facet::Speaker, &checked_id))
                                    on:change=move |_| set_query.update(|q| q.toggle(Facet::Speaker, &id))
                                />
                                {label}
                                <span class="count">{move || results.with(|r| r.count(Facet::Speaker, at))}</span>
                            </label>
                        }
                    }
                </For>
            </fieldset>
            <p>{move || format!("{} quotes", results.with(|r| r.quotes.len()))}</p>
            <ol>
                <For each=move || results.with(|r| r.quotes.iter().take(20).copied().collect::<Vec<_>>()) key=|&p| p let(position)>
                    {
                        let card = catalog.card(position);
                        view! {
                            <li>
                                <article>
                                    <blockquote>{card.text}</blockquote>
                                    <p>{card.speaker.map(|s| s.name)}</p>
                                    <p>{card.meeting.map(|m| m.title)}</p>
                                </article>
                            </li>
                        }
                    }
                </For>
            </ol>
        }
    });
}
