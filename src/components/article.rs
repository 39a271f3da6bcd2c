//! Adding an article: its text (pasted, or from a `.txt` file), what it is (headline, outlet,
//! address, date, the meeting it reports), and each passage the proposer found, in its
//! paragraph, for the reader to accept or leave out, with its speaker, kind, meeting and
//! themes. Renders [`crate::import::article`]; part of the loading chunk.

use std::sync::Arc;

use leptos::{prelude::*, task::spawn_local};

use super::import::CancelButton;
use crate::browser::focus_count_after_render;
use crate::corpus::QuoteKind;
use crate::import::article::add::{
    add_article, Accepted, ArticleDetails, MeetingChoice, NewMeeting, SpeakerChoice,
};
use crate::import::article::headline_of;
use crate::import::article::propose::{propose, Proposal, Who};
use crate::store::loading::load_made;
use crate::store::{CorpusOrigin, Store};

/// What the reader decided about one proposal.
#[derive(Debug, Clone, PartialEq)]
struct Decision {
    accepted: bool,
    speaker: SpeakerChoice,
    kind: QuoteKind,
    meeting: MeetingChoice,
    themes: Vec<String>,
}

impl Decision {
    /// Quotations start accepted; the reporter's sentences and points wait for the reader.
    fn proposed(p: &Proposal) -> Decision {
        Decision {
            accepted: p.kind.is_speakers_words(),
            speaker: match p.speaker.as_ref().map(|g| &g.who) {
                Some(Who::Known(id)) => SpeakerChoice::Existing(id.clone()),
                Some(Who::New(name)) => SpeakerChoice::New(name.clone()),
                None => SpeakerChoice::New(String::new()),
            },
            kind: p.kind,
            meeting: MeetingChoice::New,
            themes: Vec::new(),
        }
    }
}

/// The article's text and its proposals, once the reader asked for them.
struct Proposed {
    text: String,
    proposals: Vec<Proposal>,
}

#[component]
pub fn ArticleStep(store: Store, from: String, text: Arc<str>) -> impl IntoView {
    let draft = RwSignal::new(text.to_string());
    let proposed: RwSignal<Option<Arc<Proposed>>> = RwSignal::new(None);
    let decisions: RwSignal<Vec<Decision>> = RwSignal::new(Vec::new());
    let find = move || {
        let text = draft.get_untracked();
        let proposals = store.catalog.with_untracked(|c| propose(&text, &c.corpus.speakers));
        decisions.set(proposals.iter().map(Decision::proposed).collect());
        proposed.set(Some(Arc::new(Proposed { text, proposals })));
    };
    if !text.trim().is_empty() {
        find();
    }
    let from_name = from.clone();
    view! {
        <section class="import article-step" aria-labelledby="article-heading">
            <h2 id="article-heading">"Add an article: " <span class="file-name">{from.clone()}</span></h2>
            {move || match proposed.get() {
                None => paste(store, draft, find).into_any(),
                Some(found) => review(store, from_name.clone(), found, decisions, move || proposed.set(None)).into_any(),
            }}
        </section>
    }
}

/// The text to paste, before there are proposals.
fn paste(store: Store, draft: RwSignal<String>, find: impl Fn() + Clone + 'static) -> impl IntoView {
    // The reader asked to paste: the field is where they go next.
    let field = NodeRef::<leptos::html::Textarea>::new();
    Effect::new(move |_| {
        if let Some(field) = field.get() {
            let _ = field.focus();
        }
    });
    view! {
        <p>"Paste the article’s text. Every passage in quotation marks and every bulleted or numbered point will be proposed for you to accept. Nothing leaves this page."</p>
        <label class="article-text">
            "The article’s text"
            <textarea node_ref=field rows="10" prop:value=move || draft.get() on:input=move |ev| draft.set(event_target_value(&ev))></textarea>
        </label>
        <div class="import-actions">
            <button type="button" class="article-find" disabled=move || draft.with(|d| d.trim().is_empty()) on:click=move |_| find()>
                "Find the quotes"
            </button>
            <CancelButton store />
        </div>
    }
}

/// The article's details and its proposals, to accept and settle.
fn review(
    store: Store,
    from: String,
    found: Arc<Proposed>,
    decisions: RwSignal<Vec<Decision>>,
    edit_text: impl Fn() + 'static,
) -> impl IntoView {
    let headline = RwSignal::new(headline_of(&found.text).chars().take(300).collect::<String>());
    let (outlet, url, published) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (meeting_title, meeting_date, meeting_place) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let problem: RwSignal<Option<String>> = RwSignal::new(None);
    let total = found.proposals.len();
    let accepted = move || decisions.with(|d| d.iter().filter(|d| d.accepted).count());
    let field = |label: &'static str, value: RwSignal<String>, hint: &'static str| {
        view! {
            <label>
                {label}
                <input type="text" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) placeholder=hint />
            </label>
        }
    };
    let set_all = move |accept: bool| decisions.update(|d| d.iter_mut().for_each(|d| d.accepted = accept));
    let add = {
        let found = found.clone();
        move |ev: leptos::ev::MouseEvent| {
            let details = ArticleDetails {
                headline: headline.get_untracked(),
                outlet: outlet.get_untracked(),
                url: url.get_untracked(),
                published: published.get_untracked(),
                file_name: from.clone(),
                new_meeting: NewMeeting {
                    title: meeting_title.get_untracked(),
                    date: meeting_date.get_untracked(),
                    place: meeting_place.get_untracked(),
                },
            };
            let accepted: Vec<Accepted> = decisions.with_untracked(|d| {
                d.iter()
                    .zip(&found.proposals)
                    .filter(|(d, _)| d.accepted)
                    .map(|(d, p)| Accepted {
                        proposal: p.clone(),
                        speaker: d.speaker.clone(),
                        kind: d.kind,
                        meeting: d.meeting.clone(),
                        themes: d.themes.clone(),
                    })
                    .collect()
            });
            let made =
                store.catalog.with_untracked(|c| add_article(&c.corpus, &found.text, &details, &accepted));
            match made {
                Err(message) => problem.set(Some(message)),
                Ok(corpus) => {
                    problem.set(None);
                    let name = match store.origin.get_untracked() {
                        CorpusOrigin::Bundled => format!("the bundled quotes + {from}"),
                        CorpusOrigin::Loaded(name) => format!("{name} + {from}"),
                    };
                    focus_count_after_render(&ev);
                    spawn_local(async move {
                        load_made(store, name, corpus).await;
                    });
                }
            }
        }
    };
    let choices = Choices::of(store);
    let items = found
        .proposals
        .iter()
        .enumerate()
        .map(|(i, p)| proposal_item(&choices, &found.text, p, i, total, decisions))
        .collect_view();
    // What was found is read first, then each passage.
    let intro = NodeRef::<leptos::html::P>::new();
    Effect::new(move |_| {
        if let Some(intro) = intro.get() {
            let _ = intro.focus();
        }
    });
    view! {
        <p node_ref=intro tabindex="-1" class="article-found">
            {format!("{total} {} found. ", if total == 1 { "passage" } else { "passages" })}
            "Accept the ones to add, and settle who said each, at which meeting, on which themes. Each is added exactly as the article prints it, the article kept as its source."
        </p>
        <fieldset class="article-details">
            <legend>"The article"</legend>
            {field("Headline", headline, "")}
            {field("Outlet", outlet, "e.g. Xinhua")}
            {field("Web address", url, "https://…")}
            {field("Published", published, "e.g. 23 March 2021")}
        </fieldset>
        <fieldset class="article-details">
            <legend>"The meeting it reports (if the corpus does not have it)"</legend>
            {field("Title", meeting_title, "e.g. Guilin talks")}
            {field("Date", meeting_date, "e.g. 23 March 2021, or 2021-03")}
            {field("Place", meeting_place, "")}
        </fieldset>
        <div class="import-actions">
            <button type="button" on:click=move |_| set_all(true)>"Accept all"</button>
            <button type="button" on:click=move |_| set_all(false)>"Accept none"</button>
            <button type="button" on:click=move |_| edit_text()>"Edit the text"</button>
        </div>
        <ol class="proposals">
            {items}
        </ol>
        <div role="status" aria-live="polite">
            <p class="import-count">{move || format!("{} of {total} passages accepted.", accepted())}</p>
            {move || problem.get().map(|m| view! { <p class="import-needs">{m}</p> })}
        </div>
        <div class="import-actions">
            <button type="button" class="article-add" disabled=move || accepted() == 0 on:click=add>
                {move || format!("Add {} quotes", accepted())}
            </button>
            <CancelButton store />
        </div>
    }
}

/// What a proposal's speaker, meeting and theme controls offer, as (id, label): the corpus's,
/// made once for every proposal.
struct Choices {
    speakers: Vec<(String, String)>,
    meetings: Vec<(String, String)>,
    themes: Vec<(String, String)>,
}

impl Choices {
    fn of(store: Store) -> Choices {
        store.catalog.with_untracked(|c| Choices {
            speakers: c.corpus.speakers.iter().map(|s| (s.id.clone(), s.name.clone())).collect(),
            meetings: c
                .corpus
                .meetings
                .iter()
                .map(|m| (m.id.clone(), format!("{} ({})", m.title, m.date_label())))
                .collect(),
            themes: c.corpus.themes.iter().map(|t| (t.id.clone(), t.label.clone())).collect(),
        })
    }
}

/// One proposal: the passage marked in its paragraph, and what the reader decides about it.
fn proposal_item(
    choices: &Choices,
    text: &str,
    p: &Proposal,
    i: usize,
    total: usize,
    decisions: RwSignal<Vec<Decision>>,
) -> impl IntoView {
    let before = text[p.context.start..p.text.start].to_owned();
    let passage = text[p.text.clone()].to_owned();
    let after = text[p.text.end..p.context.end].to_owned();
    let decided =
        move |f: fn(&Decision) -> String| move || decisions.with(|d| d.get(i).map(f).unwrap_or_default());
    let update = move |f: Box<dyn Fn(&mut Decision)>| {
        decisions.update(|d| {
            if let Some(d) = d.get_mut(i) {
                f(d)
            }
        })
    };
    let Choices { speakers, meetings, themes } = choices;
    let guessed_new = match p.speaker.as_ref().map(|g| &g.who) {
        Some(Who::New(name)) => Some(name.clone()),
        _ => None,
    };
    let guessed_from = p.speaker.as_ref().map(|g| text[g.from.clone()].to_owned());
    let is_new =
        move || decisions.with(|d| matches!(d.get(i).map(|d| &d.speaker), Some(SpeakerChoice::New(_))));
    let speaker_value = decided(|d| match &d.speaker {
        SpeakerChoice::Existing(id) => id.clone(),
        SpeakerChoice::New(_) => "\u{0}new".into(),
    });
    let new_name = decided(|d| match &d.speaker {
        SpeakerChoice::New(name) => name.clone(),
        SpeakerChoice::Existing(_) => String::new(),
    });
    let number = i + 1;
    let speaker_options = speakers
        .iter()
        .cloned()
        .map(|(id, name)| {
            let selected = {
                let id = id.clone();
                move || speaker_value() == id
            };
            view! { <option value=id prop:selected=selected>{name}</option> }
        })
        .collect_view();
    let kind_options = QuoteKind::ALL
        .into_iter()
        .map(|k| view! { <option value=k.id() prop:selected=move || decided(|d| d.kind.id().to_owned())() == k.id()>{k.label()}</option> })
        .collect_view();
    let meeting_options = meetings
        .iter()
        .cloned()
        .map(|(id, label)| {
            let selected = {
                let id = id.clone();
                move || {
                    decisions
                        .with(|d| d.get(i).is_some_and(|d| d.meeting == MeetingChoice::Existing(id.clone())))
                }
            };
            view! { <option value=id prop:selected=selected>{label}</option> }
        })
        .collect_view();
    let theme_boxes = themes
        .iter()
        .cloned()
        .map(|(id, label)| {
            let checked = {
                let id = id.clone();
                move || decisions.with(|d| d.get(i).is_some_and(|d| d.themes.contains(&id)))
            };
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                let id = id.clone();
                update(Box::new(move |d| {
                    d.themes.retain(|t| t != &id);
                    if on {
                        d.themes.push(id.clone());
                    }
                }))
            };
            view! { <label class="article-theme"><input type="checkbox" prop:checked=checked on:change=toggle />{label}</label> }
        })
        .collect_view();
    view! {
        <li class="proposal" class:accepted=move || decisions.with(|d| d.get(i).is_some_and(|d| d.accepted))>
            <fieldset>
                <legend>{format!("Passage {number} of {total}, line {}, {}", p.line, p.found.label())}</legend>
                <p class="proposal-context">{before}<mark>{passage}</mark>{after}</p>
                {guessed_from.map(|from| view! { <p class="proposal-guess">"Speaker guessed from “" {from} "”."</p> })}
                <label class="proposal-accept">
                    <input
                        type="checkbox"
                        prop:checked=move || decisions.with(|d| d.get(i).is_some_and(|d| d.accepted))
                        on:change=move |ev| { let on = event_target_checked(&ev); update(Box::new(move |d| d.accepted = on)) }
                    />
                    {format!("Add passage {number}")}
                </label>
                <div class="import-options">
                    <label>
                        "Speaker "
                        <select on:change=move |ev| {
                            let value = event_target_value(&ev);
                            let guessed = guessed_new.clone().unwrap_or_default();
                            update(Box::new(move |d| {
                                d.speaker = if value == "\u{0}new" { SpeakerChoice::New(guessed.clone()) } else { SpeakerChoice::Existing(value.clone()) };
                            }))
                        }>
                            {speaker_options}
                            <option value="\u{0}new" prop:selected=is_new>"Someone new…"</option>
                        </select>
                    </label>
                    <Show when=is_new>
                        <label>
                            "New speaker’s name "
                            <input type="text" prop:value=new_name on:input=move |ev| {
                                let name = event_target_value(&ev);
                                update(Box::new(move |d| d.speaker = SpeakerChoice::New(name.clone())))
                            } />
                        </label>
                    </Show>
                    <label>
                        "Kind "
                        <select on:change=move |ev| {
                            let id = event_target_value(&ev);
                            if let Some(kind) = QuoteKind::ALL.into_iter().find(|k| k.id() == id) {
                                update(Box::new(move |d| d.kind = kind))
                            }
                        }>{kind_options}</select>
                    </label>
                    <label>
                        "Meeting "
                        <select on:change=move |ev| {
                            let id = event_target_value(&ev);
                            update(Box::new(move |d| d.meeting = if id.is_empty() { MeetingChoice::New } else { MeetingChoice::Existing(id.clone()) }))
                        }>
                            <option value="" prop:selected=move || decisions.with(|d| d.get(i).is_some_and(|d| d.meeting == MeetingChoice::New))>
                                "The meeting described above"
                            </option>
                            {meeting_options}
                        </select>
                    </label>
                </div>
                <div class="article-themes" role="group" aria-label=format!("Themes of passage {number}")>
                    "Themes: " {theme_boxes}
                </div>
            </fieldset>
        </li>
    }
}
