//! The article proposer on the five seed articles, against the bundled corpus made from
//! them by hand: how many of its direct quotes and statement points it proposes (recall),
//! with which speaker, and how many proposals the corpus does not hold. And an article's
//! accepted quotes, added to a corpus, pass the same verbatim check as the bundled ones.

use std::path::Path;

use quote_explorer::corpus::{self, normalize_for_comparison, verify_against_sources, Links, QuoteKind};
use quote_explorer::engine::Catalog;
use quote_explorer::export::to_corpus_json;
use quote_explorer::import::article::add::{
    add_article, Accepted, ArticleDetails, MeetingChoice, NewMeeting, SpeakerChoice,
};
use quote_explorer::import::article::propose::{propose, Who};

#[test]
fn the_proposer_finds_every_direct_quote_and_statement_point_of_the_seed_articles() {
    let corpus = corpus::bundled().expect("bundled corpus");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let (mut wanted, mut found, mut right_speaker, mut proposals, mut in_corpus, mut inside_a_quote) =
        (0, 0, 0, 0, 0, 0);
    let mut missed = Vec::new();
    for source in &corpus.sources {
        let article = std::fs::read_to_string(data.join(&source.file)).expect("source text");
        let proposed = propose(&article, &corpus.speakers);
        let quotes: Vec<_> = corpus.quotes.iter().filter(|q| q.source == source.id).collect();
        let same = |a: &str, b: &str| normalize_for_comparison(a) == normalize_for_comparison(b);
        for q in quotes.iter().filter(|q| q.kind.is_speakers_words()) {
            wanted += 1;
            match proposed.iter().find(|p| same(&article[p.text.clone()], &q.text)) {
                Some(p) => {
                    found += 1;
                    assert_eq!(p.line, q.line, "{} is proposed on its line", q.id);
                    if p.speaker.as_ref().is_some_and(|g| g.who == Who::Known(q.speaker.clone())) {
                        right_speaker += 1;
                    }
                }
                None => missed.push(q.id.clone()),
            }
        }
        for p in &proposed {
            let text = &article[p.text.clone()];
            proposals += 1;
            if quotes.iter().any(|q| same(text, &q.text)) {
                in_corpus += 1;
            } else if quotes
                .iter()
                .any(|q| normalize_for_comparison(&q.text).contains(&normalize_for_comparison(text)))
            {
                inside_a_quote += 1;
            }
        }
    }
    let not_in_corpus = proposals - in_corpus;
    println!(
        "seed articles: {found} of {wanted} direct quotes and statement points proposed (recall {:.0}%), \
         {right_speaker} of them with the corpus's speaker; {proposals} proposals, {in_corpus} of them \
         quotes of the corpus, {not_in_corpus} not ({inside_a_quote} of those inside a longer quote of \
         the corpus)",
        100.0 * found as f64 / wanted as f64
    );
    assert!(missed.is_empty(), "not proposed: {missed:?}");
    assert!(right_speaker * 10 >= found * 8, "speakers guessed right: {right_speaker} of {found}");
}

#[test]
fn an_articles_accepted_quotes_are_verbatim_by_construction_and_pass_the_check_on_export() {
    let mut corpus = corpus::bundled().expect("bundled corpus");
    let article = "Talks in Oslo\n\nEnvoys met on Monday.\n\n“We want a fair order for all nations,” said \
                   Foreign Minister Ana Costa.\n\n“Democracy is not one model.\n\n“Nor is it a privilege,” \
                   Wang said.\n\n  • The two sides agreed to meet again.";
    let proposals = propose(article, &corpus.speakers);
    assert_eq!(proposals.len(), 3, "{proposals:?}");
    let accepted: Vec<Accepted> = proposals
        .into_iter()
        .map(|p| Accepted {
            speaker: match p.speaker.clone().map(|g| g.who) {
                Some(Who::Known(id)) => SpeakerChoice::Existing(id),
                Some(Who::New(name)) => SpeakerChoice::New(name),
                None => SpeakerChoice::New("Unnamed envoy".into()),
            },
            kind: p.kind,
            meeting: MeetingChoice::New,
            themes: vec!["democracy".into()],
            proposal: p,
        })
        .collect();
    let details = ArticleDetails {
        headline: "Talks in Oslo".into(),
        outlet: "Example News".into(),
        url: "https://example.org/oslo".into(),
        published: "2 May 2022".into(),
        file_name: "oslo.txt".into(),
        new_meeting: NewMeeting { title: "Oslo talks".into(), date: "May 2022".into(), place: "Oslo".into() },
    };
    corpus = add_article(&corpus, article, &details, &accepted).expect("added");
    let added: Vec<_> = corpus.quotes.iter().filter(|q| q.source == "talks-in-oslo").collect();
    assert_eq!(added.len(), 3);
    assert_eq!(added[0].speaker, "ana-costa", "a new speaker from the name beside “said”");
    assert_eq!(added[1].speaker, "wang-yi");
    assert_eq!(added[1].text, "Democracy is not one model.\n\n“Nor is it a privilege", "across paragraphs");
    assert_eq!(added[2].kind, QuoteKind::ReportedStatement);
    let (links, problems) = Links::new(&corpus);
    assert!(problems.is_empty(), "{problems:?}");
    let catalog = Catalog::linked(corpus, links);
    let all: Vec<u32> = (0..catalog.corpus.quotes.len() as u32).collect();
    let exported: corpus::Corpus =
        serde_json::from_str(&to_corpus_json(&catalog, &all)).expect("export reads");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let problems = verify_against_sources(&exported, |s| {
        s.text.clone().or_else(|| std::fs::read_to_string(data.join(&s.file)).ok())
    });
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(exported, corpus::parse(&to_corpus_json(&catalog, &all)).expect("the app reads it back"));
}

#[test]
fn what_the_reader_must_still_settle_is_said_and_nothing_is_added() {
    let corpus = corpus::bundled().expect("bundled corpus");
    let article = "“A long enough quotation to propose,” Wang said.";
    let p = propose(article, &corpus.speakers).remove(0);
    let accepted = |speaker, meeting| Accepted {
        proposal: p.clone(),
        speaker,
        kind: QuoteKind::DirectQuote,
        meeting,
        themes: vec![],
    };
    let details = ArticleDetails { headline: "H".into(), file_name: "a.txt".into(), ..Default::default() };
    let wang = || SpeakerChoice::Existing("wang-yi".into());
    let cases = [
        (vec![], "Accept at least one"),
        (vec![accepted(wang(), MeetingChoice::New)], "title"),
        (
            vec![accepted(SpeakerChoice::New(" ".into()), MeetingChoice::Existing("x".into()))],
            "speaker’s name",
        ),
        (vec![accepted(wang(), MeetingChoice::Existing("nowhere".into()))], "choose its meeting"),
    ];
    for (accepted, message) in cases {
        let error = add_article(&corpus, article, &details, &accepted).unwrap_err();
        assert!(error.contains(message), "{error}");
    }
    let no_date = ArticleDetails { published: "soonish".into(), ..details };
    assert!(add_article(&corpus, article, &no_date, &[accepted(wang(), MeetingChoice::New)])
        .unwrap_err()
        .contains("not a date"));
}
