use leptos::{prelude::*, task::spawn_local};

use super::Explorer;
use crate::browser;
use crate::citation::cite;
use crate::corpus::{Quote, Source};
use crate::engine::text::{highlight, SearchTerms};

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

/// One quote with who said it, where, when, and where it was reported; expands to show the
/// passage around it, the statement it belongs to and other reports of the same remark.
#[component]
pub fn QuoteCard(position: u32) -> impl IntoView {
    let Explorer { catalog, terms, placement, .. } = Explorer::use_context();
    let catalog = catalog.get_untracked();
    let quote = catalog.quote(position).clone();
    let speaker = catalog.speaker(&quote.speaker).cloned();
    let meeting = catalog.meeting(&quote.meeting).cloned();
    let source = catalog.source(&quote.source).cloned();
    let themes: Vec<String> = quote
        .themes
        .iter()
        .map(|t| catalog.theme(t).map_or_else(|| t.clone(), |t| t.label.clone()))
        .collect();
    let opened_by_link = !placement.embedded && browser::fragment() == quote.id;
    let terms = Signal::from(terms);
    let kind = quote.kind;
    let id = quote.id.clone();
    let text = quote.text.clone();

    view! {
        <article class="quote-card" id=id.clone() data-quote-id=id data-kind=kind.id()>
            <blockquote class="quote-text">
                <p><Highlighted text terms /></p>
            </blockquote>
            <div class="quote-meta">
                <p class="speaker">
                    {speaker.as_ref().map(|s| view! {
                        <span class="speaker-name"><Highlighted text=s.name.clone() terms /></span>
                        <span class="speaker-role">{format!(", {}", s.role)}</span>
                    })}
                </p>
                <p class="meeting">
                    {meeting.as_ref().map(|m| view! {
                        <span class="meeting-title"><Highlighted text=m.title.clone() terms /></span>
                        " · " <span class="meeting-place">{m.place.clone()}</span>
                        " · " <time datetime=m.date.clone()>{m.date_label()}</time>
                    })}
                </p>
                <ul class="tags" aria-label="Themes and kind">
                    {themes.into_iter().map(|t| view! { <li class="tag theme-tag">{t}</li> }).collect_view()}
                    <li class="tag kind-tag">{kind.label()}</li>
                </ul>
                <p class="source">
                    {source.as_ref().map(|s| view! {
                        "Source: " <span class="outlet">{s.outlet.clone()}</span> ", "
                        <SourceHeadline source=s.clone() />
                        {s.published.clone().map(|d| format!(", {d}"))}
                    })}
                </p>
            </div>
            <details class="quote-details" open=opened_by_link>
                <summary>"Context, statement and variants"</summary>
                <QuoteDetails quote=quote.clone() />
            </details>
            <CardActions quote />
        </article>
    }
}

/// The headline, linked to the source online if it has a web address (and only then: a
/// corpus may carry `javascript:` or other addresses that must never become links).
#[component]
fn SourceHeadline(source: Source) -> impl IntoView {
    let headline = view! { <cite>{source.headline.clone()}</cite> };
    match source.web_url() {
        Some(url) => {
            view! { <a class="source-link" href=url.to_owned() rel="noopener noreferrer">{headline}</a> }
                .into_any()
        }
        None => headline.into_any(),
    }
}

#[component]
fn QuoteDetails(quote: Quote) -> impl IntoView {
    let Explorer { catalog, placement, .. } = Explorer::use_context();
    let embedded = placement.embedded;
    let catalog = catalog.get_untracked();
    let source = catalog.source(&quote.source).cloned();
    let meeting = catalog.meeting(&quote.meeting).cloned();
    let statement = quote.statement.as_ref().and_then(|r| catalog.statement(&r.id).cloned());
    let statement_points: Vec<(Option<u32>, String, bool)> = statement
        .as_ref()
        .map(|s| {
            catalog
                .statement_quotes(&s.id)
                .into_iter()
                .map(|p| {
                    let q = catalog.quote(p);
                    (q.statement.as_ref().and_then(|r| r.point), q.text.clone(), q.id == quote.id)
                })
                .collect()
        })
        .unwrap_or_default();
    let variants: Vec<(String, String, String)> = catalog
        .variants(catalog.quote_position(&quote.id).unwrap_or_default())
        .into_iter()
        .map(|p| {
            let q = catalog.quote(p);
            let outlet = catalog.source(&q.source).map_or_else(|| q.source.clone(), |s| s.outlet.clone());
            (q.id.clone(), q.text.clone(), outlet)
        })
        .collect();
    let (before, marked, after) = match quote.context.find(&quote.text) {
        Some(start) => {
            let end = start + quote.text.len();
            (
                quote.context[..start].to_owned(),
                quote.context[start..end].to_owned(),
                quote.context[end..].to_owned(),
            )
        }
        None => (quote.context.clone(), String::new(), String::new()),
    };

    view! {
        <section class="context">
            <h3>"In its source"</h3>
            <p class="context-text">{before}<mark class="quote-in-context">{marked}</mark>{after}</p>
            <p class="locator">
                {source.as_ref().map(|s| format!("{}: {}, line {} of {}", s.outlet, s.headline, quote.line, s.file))}
            </p>
            {source.as_ref().and_then(|s| s.url.clone().map(|address| match s.web_url() {
                Some(url) => view! {
                    <p class="source-address">"Online: " <a href=url.to_owned() rel="noopener noreferrer">{address}</a></p>
                }.into_any(),
                None => view! {
                    <p class="source-address">"Address given (not a web address, so not a link): " <span>{address}</span></p>
                }.into_any(),
            }))}
            {source.and_then(|s| s.outlet_note).map(|note| view! { <p class="note">{note}</p> })}
            {meeting.and_then(|m| m.date_note).map(|note| view! { <p class="note">"Date: " {note}</p> })}
        </section>
        {statement.map(|s| view! {
            <section class="statement">
                <h3>{s.title.clone()}</h3>
                <ol class="statement-points">
                    {statement_points.into_iter().map(|(point, text, current)| view! {
                        <li class:current=current aria-current=current.then_some("true")>
                            <span class="point-number">
                                {point.map_or_else(|| "Unnumbered".to_owned(), |n| format!("Point {n}"))}
                            </span>
                            " " {text}
                        </li>
                    }).collect_view()}
                </ol>
                {s.numbering_note.map(|note| view! { <p class="note">{note}</p> })}
            </section>
        })}
        {(!variants.is_empty()).then(|| view! {
            <section class="variants">
                <h3>"Also reported as"</h3>
                <ul>
                    {variants.into_iter().map(|(id, text, outlet)| {
                        // In an embed a fragment link would move the host page; the text alone is shown.
                        let text = if embedded {
                            text.into_any()
                        } else {
                            view! { <a href=format!("#{id}")>{text}</a> }.into_any()
                        };
                        view! { <li>{text} " — " {outlet}</li> }
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}

#[component]
fn CardActions(quote: Quote) -> impl IntoView {
    let Explorer { catalog, placement, .. } = Explorer::use_context();
    let embedded = placement.embedded;
    let citation = catalog.with_untracked(|c| cite(c, &quote));
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
            {(!embedded).then(|| view! {
                <a class="permalink" href=format!("#{}", quote.id)>"Link to this quote"</a>
            })}
            <p class="copy-status" role="status">{status}</p>
        </div>
    }
}
