//! A page of the explorer's first-screen shape and nothing more: a search box, one group of
//! checkboxes each with its count, the count of results, and a keyed list of the first 20
//! results with three lines each, all following a memo of the matching items. No engine,
//! corpus, address bar or stylesheet: a floor for what Leptos itself costs such a page.

use leptos::prelude::*;

struct Item {
    text: String,
    speaker: usize,
    meeting: String,
}

fn main() {
    let speakers: Vec<String> = (0..8).map(|i| format!("Speaker {i}")).collect();
    let items: Vec<Item> = (0..72)
        .map(|i| Item { text: format!("Quote number {i}"), speaker: i % 8, meeting: format!("Meeting {}", i % 6) })
        .collect();
    mount_to_body(move || {
        let (text, set_text) = signal(String::new());
        let (chosen, set_chosen) = signal(Vec::<usize>::new());
        let items = StoredValue::new(items);
        let results = Memo::new(move |_| {
            let (text, chosen) = (text.get(), chosen.get());
            items.with_value(|items| {
                (0..items.len())
                    .filter(|&i| items[i].text.contains(&text) && (chosen.is_empty() || chosen.contains(&items[i].speaker)))
                    .collect::<Vec<_>>()
            })
        });
        let count_of = move |speaker: usize| {
            let text = text.get();
            items.with_value(|items| items.iter().filter(|i| i.speaker == speaker && i.text.contains(&text)).count())
        };
        let toggle = move |speaker: usize| {
            set_chosen.update(|c| match c.iter().position(|&s| s == speaker) {
                Some(at) => {
                    c.remove(at);
                }
                None => c.push(speaker),
            })
        };
        view! {
            <input type="search" prop:value=move || text.get() on:input=move |ev| set_text.set(event_target_value(&ev)) />
            <fieldset>
                <For each=move || 0..speakers.len() key=|&s| s let(s)>
                    <label>
                        <input type="checkbox" prop:checked=move || chosen.with(|c| c.contains(&s)) on:change=move |_| toggle(s) />
                        {format!("Speaker {s}")}
                        <span class="count">{move || count_of(s)}</span>
                    </label>
                </For>
            </fieldset>
            <p>{move || format!("{} of 72 quotes", results.with(Vec::len))}</p>
            <ol>
                <For each=move || results.get().into_iter().take(20) key=|&i| i let(i)>
                    <li>
                        <article>
                            <blockquote>{items.with_value(|items| items[i].text.clone())}</blockquote>
                            <p>{items.with_value(|items| format!("Speaker {}", items[i].speaker))}</p>
                            <p>{items.with_value(|items| items[i].meeting.clone())}</p>
                        </article>
                    </li>
                </For>
            </ol>
        }
    });
}
