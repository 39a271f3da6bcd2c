//! A quote's card, rendering [`crate::engine::card`]: the quote with its search matches
//! marked, who said it where and when, its source, and, once opened, its context,
//! statement and variants.

use leptos::{prelude::*, task::spawn_local};

use super::export_menu::CiteAs;
use crate::browser;
use crate::citation::cite;
use crate::engine::card::{Address, Card, CardDetails, Context, SourceLine, Variant};
use crate::engine::diff::{Change, DiffPart};
use crate::engine::highlight::highlight;
use crate::engine::text::SearchTerms;
use crate::store::Store;

/// Text with the words matching the search wrapped in `<mark>`; always text nodes.
#[component]
pub fn Highlighted(#[prop(into)] text: String, terms: Signal<SearchTerms>) -> impl IntoView {
    move || {
        terms.with(|terms| {
            highlight(&text, terms)
                .into_iter()
                .map(|segment| {
                    let piece = segment.text.to_owned();
                    if segment.marked {
                        view! { <mark>{piece}</mark> }.into_any()
                    } else {
                        piece.into_any()
                    }
                })
                .collect_view()
        })
    }
}

/// Goes from a view of the results (side by side, in context) to a quote's card in the list,
/// focused; a link's click, so the link stays a link to copy.
pub fn open_card(store: Store, ev: &leptos::ev::MouseEvent, id: &str) {
    ev.prevent_default();
    let root = browser::explorer_of(ev);
    if let Some(rank) = store.open_quote(id) {
        browser::focus_after_render(
            root,
            vec![browser::FocusTarget { selector: ".quote-card", index: rank }, browser::RESULT_COUNT],
        );
    }
}

/// One quote with who said it, where, when, and where it was reported; expands to show the
/// passage around it, the statement it belongs to and other reports of the same remark.
#[component]
pub fn QuoteCard(position: u32) -> impl IntoView {
    let store = Store::use_context();
    let Store { catalog, terms, placement, .. } = store;
    let Card { id, text, kind, attribution, speaker, meeting, themes, source } =
        catalog.with_untracked(|c| c.card(position));
    let opened_by_link = !placement.embedded && browser::fragment() == id;
    // The details are built, and their code loaded, when first opened: most cards never are.
    let opened = RwSignal::new(opened_by_link);
    let terms = Signal::from(terms);

    let (element_id, data_id) = (id.clone(), id.clone());
    view! {
        // Focusable from script (tabindex -1): "Show more" moves the focus to the first new card.
        <article class="quote-card" id=element_id data-quote-id=data_id data-kind=kind.id() tabindex="-1">
            <blockquote class="quote-text">
                <p><Highlighted text terms /></p>
            </blockquote>
            {attribution.map(|note| view! { <p class="attribution-note">{note}</p> })}
            <div class="quote-meta">
                <p class="speaker">
                    {speaker.map(|s| view! {
                        <span class="speaker-name"><Highlighted text=s.name terms /></span>
                        {(!s.role.is_empty()).then(|| view! { <span class="speaker-role">{format!(", {}", s.role)}</span> })}
                    })}
                </p>
                // A match on a name the card does not show: said, and marked.
                {move || {
                    let aliases = terms.with(|t| catalog.with_untracked(|c| c.matched_aliases(position, t)));
                    (!aliases.is_empty()).then(|| view! {
                        <p class="matched-alias">"Also known as: " <Highlighted text=aliases.join(", ") terms /></p>
                    })
                }}
                <p class="meeting">
                    {meeting.map(|m| view! {
                        <span class="meeting-title"><Highlighted text=m.title terms /></span>
                        {m.place.map(|place| view! { " · " <span class="meeting-place"><Highlighted text=place terms /></span> })}
                        " · " <time datetime=m.date>{m.date_label}</time>
                    })}
                </p>
                <ul class="tags" aria-label="Themes and kind">
                    {themes.into_iter().map(|t| view! { <li class="tag theme-tag"><Highlighted text=t terms /></li> }).collect_view()}
                    <li class="tag kind-tag">{kind.label()}</li>
                </ul>
                <p class="source">
                    {source.map(|s| view! {
                        "Source: " <span class="outlet">{s.outlet.clone()}</span> ", "
                        <SourceHeadline source=s.clone() />
                        {s.published.map(|d| format!(", {d}"))}
                    })}
                </p>
            </div>
            <details
                class="quote-details"
                open=opened_by_link
                on:toggle=move |ev| {
                    if event_target::<web_sys::Element>(&ev).has_attribute("open") {
                        opened.set(true);
                    }
                }
            >
                <summary>"Context, statement and variants"</summary>
                {move || opened.get().then(|| {
                    Suspend::new(async move { details(store, position, placement.embedded).await })
                })}
            </details>
            <CardActions position id />
        </article>
    }
}

/// The headline, linked to the source online if it has a web address (and only then: a
/// corpus may carry `javascript:` or other addresses that must never become links).
#[component]
fn SourceHeadline(source: SourceLine) -> impl IntoView {
    let headline = view! { <cite>{source.headline}</cite> };
    match source.link {
        Some(url) => {
            view! { <a class="source-link" href=url rel="noopener noreferrer">{headline}</a> }.into_any()
        }
        None => headline.into_any(),
    }
}

/// An opened card's passage, statement and variants; with a chunked index, once the quotes
/// it lists have arrived.
#[lazy]
async fn details(store: Store, position: u32, embedded: bool) -> AnyView {
    if store.catalog.with_untracked(|c| c.is_chunked()) {
        crate::store::chunked::details_at_hand(store, position).await;
    }
    let details = store.catalog.with_untracked(|c| c.card_details(position));
    view! { <QuoteDetails details position embedded /> }.into_any()
}

#[component]
fn QuoteDetails(details: CardDetails, position: u32, embedded: bool) -> impl IntoView {
    let CardDetails { context, locator, address, outlet_note, date_note, statement, variants, same_article } =
        details;
    let context = match context {
        Context::Around { before, quote, after } => {
            view! { {before}<mark class="quote-in-context">{quote}</mark>{after} }.into_any()
        }
        Context::Whole(passage) => passage.into_any(),
    };
    view! {
        <section class="context">
            <h3>"In its source"</h3>
            <p class="context-text">{context}</p>
            <p class="locator">{locator}</p>
            {address.map(|address| match address {
                Address::Link(url) => {
                    let href = url.clone();
                    view! {
                        <p class="source-address">"Online: " <a href=href rel="noopener noreferrer">{url}</a></p>
                    }.into_any()
                }
                Address::Text(given) => view! {
                    <p class="source-address">"Address given (not a web address, so not a link): " <span>{given}</span></p>
                }.into_any(),
            })}
            {outlet_note.map(|note| view! { <p class="note">{note}</p> })}
            {date_note.map(|note| view! { <p class="note">"Date: " {note}</p> })}
            <CiteAs position />
        </section>
        {statement.map(|s| view! {
            <section class="statement">
                <h3>{s.title}</h3>
                <ol class="statement-points">
                    {s.points.into_iter().map(|point| view! {
                        <li class:current=point.current aria-current=point.current.then_some("true")>
                            <span class="point-number">{point.label}</span>
                            " " {point.text}
                        </li>
                    }).collect_view()}
                </ol>
                {s.numbering_note.map(|note| view! { <p class="note">{note}</p> })}
            </section>
        })}
        <VariantList heading="Also reported as" class="variants" variants embedded />
        <VariantList heading="Elsewhere in the same article" class="same-article" variants=same_article embedded />
    }
}

/// Other reports of a quote's remark, each with its outlet and kind.
#[component]
fn VariantList(
    heading: &'static str,
    class: &'static str,
    variants: Vec<Variant>,
    embedded: bool,
) -> impl IntoView {
    (!variants.is_empty()).then(|| {
        view! {
            <section class=class>
                <h3>{heading}</h3>
                <p class="diff-legend">
                    "Marked against the quote above: " <span class="added">"words it adds"</span> ", "
                    <span class="removed">"words it lacks"</span> "."
                </p>
                <ul>
                    {variants.into_iter().map(|v| {
                        let text = view! { <WordDiff parts=v.diff /> };
                        // In an embed a fragment link would move the host page; the text alone is shown.
                        let text = if embedded {
                            text.into_any()
                        } else {
                            view! { <a href=format!("#{}", v.id)>{text}</a> }.into_any()
                        };
                        view! { <li>{text} " — " {v.outlet} " (" {v.kind.to_lowercase()} ")"</li> }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// A report's words against the card's own: what it adds in `<ins>`, what it lacks in
/// `<del>`, each saying so to a screen reader.
#[component]
fn WordDiff(parts: Vec<DiffPart>) -> impl IntoView {
    parts
        .into_iter()
        .map(|part| match part.change {
            Change::Same => part.text.into_any(),
            Change::Added => view! {
                <ins><span class="visually-hidden">"[added: "</span>{part.text}<span class="visually-hidden">"]"</span></ins>
            }
            .into_any(),
            Change::Removed => view! {
                <del><span class="visually-hidden">"[removed: "</span>{part.text}<span class="visually-hidden">"]"</span></del>
            }
            .into_any(),
        })
        .collect_view()
}

#[component]
fn CardActions(position: u32, id: String) -> impl IntoView {
    let Store { catalog, placement, .. } = Store::use_context();
    let citation = catalog.with_untracked(|c| cite(c, c.quote(position)));
    let printed_citation = citation.clone();
    let (status, set_status) = signal(String::new());
    let copy = move |_| {
        let citation = citation.clone();
        spawn_local(async move {
            let message = if browser::copy_to_clipboard(&citation).await {
                "Citation copied.".to_owned()
            } else {
                format!("Could not reach the clipboard; copy it from here: {citation}")
            };
            set_status.set(message);
        });
    };
    view! {
        <p class="print-citation">{printed_citation}</p>
        <div class="card-actions">
            <button type="button" class="copy-citation" on:click=copy>"Copy citation"</button>
            {(!placement.embedded).then(|| view! {
                <a class="permalink" href=format!("#{id}")>"Link to this quote"</a>
            })}
            <p class="copy-status" role="status">{status}</p>
        </div>
    }
}
