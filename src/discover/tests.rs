//! Discovery on real sentences (BBC and wire copy), with a small dictionary standing for the
//! built-in one.

use super::*;
use crate::dictionary::DictionaryBuilder;

const DICTIONARY: &str = "\
barclays\torganization\tBarclays
nvidia\torganization\tNvidia\tNvidia Corp
labour\torganization\tLabour Party\tLabour
uk\tcountry\tUnited Kingdom\tUK|Britain|British
blair\tperson\tTony Blair\tBlair
";

/// The names discovered in `text`, as (surface, kind, canonical name of the discovered entity).
fn discovered(text: &str) -> Vec<(String, &'static str, String)> {
    let mut builder = DictionaryBuilder::new();
    builder.add_str("t.tsv", DICTIONARY);
    let dictionary = builder.build().unwrap();
    let matcher = Matcher::new(&dictionary).unwrap();
    let segments = Segments::new(text);
    let known: Vec<(usize, usize)> = matcher
        .find(text)
        .iter()
        .map(|c| (c.start, c.end))
        .collect();
    let discovery = Discoverer::builtin()
        .unwrap()
        .discover(text, &segments, &known, &matcher);
    discovery
        .mentions
        .iter()
        .map(|m| {
            let name = &discovery.names[m.name];
            (
                text[m.start..m.end].to_string(),
                name.kind.as_str(),
                name.name.clone(),
            )
        })
        .collect()
}

/// A text and the (surface, kind, name) triples discovered in it.
type Case = (
    &'static str,
    &'static [(&'static str, &'static str, &'static str)],
);

fn found(expected: &[(&str, &'static str, &str)]) -> Vec<(String, &'static str, String)> {
    expected
        .iter()
        .map(|&(surface, kind, name)| (surface.to_string(), kind, name.to_string()))
        .collect()
}

#[test]
fn people_are_found_from_given_names_titles_roles_and_speech() {
    let cases: &[Case] = &[
        (
            "Nvidia chief executive Jensen Huang said demand was strong. Mr Huang's company grew.",
            &[
                ("Jensen Huang", "person", "Jensen Huang"),
                ("Huang", "person", "Jensen Huang"),
            ],
        ),
        (
            "Barclays boss Bob Diamond quit on Tuesday.",
            &[("Bob Diamond", "person", "Bob Diamond")],
        ),
        (
            "\"We are pleased,\" said Arsene Wenger after the match.",
            &[("Arsene Wenger", "person", "Arsene Wenger")],
        ),
        (
            "Labour MP Bob Marshall-Andrews criticised the plan.",
            &[("Bob Marshall-Andrews", "person", "Bob Marshall-Andrews")],
        ),
        (
            "The film starred Sarah Jessica Parker and was directed by Sir Ridley Scott.",
            &[
                ("Sarah Jessica Parker", "person", "Sarah Jessica Parker"),
                ("Ridley Scott", "person", "Ridley Scott"),
            ],
        ),
        (
            "Economist Roger Bootle of Capital Economics warned of a slowdown.",
            &[("Roger Bootle", "person", "Roger Bootle")],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(discovered(text), found(expected), "{text}");
    }
}

#[test]
fn organizations_are_found_from_head_words_and_legal_forms() {
    let cases: &[Case] = &[
        (
            "Shares in Deutsche Bank rose, while the Royal Bank of Scotland fell.",
            &[
                ("Deutsche Bank", "organization", "Deutsche Bank"),
                (
                    "Royal Bank of Scotland",
                    "organization",
                    "Royal Bank of Scotland",
                ),
            ],
        ),
        (
            "The Scottish Football Association fined the club.",
            &[(
                "Scottish Football Association",
                "organization",
                "Scottish Football Association",
            )],
        ),
        (
            "Ask Jeeves Inc agreed to be bought by IAC.",
            &[("Ask Jeeves Inc", "organization", "Ask Jeeves Inc")],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(discovered(text), found(expected), "{text}");
    }
}

#[test]
fn false_friends_are_not_discovered() {
    let cases: &[&str] = &[
        // A dictionary name is never taken, nor a name glued to it.
        "Tony Blair met Nvidia Corp executives in Britain.",
        // A common-word given name opening a sentence, or before another common word.
        "Will Labour win? Mark Time was the theme. They played Young Boys.",
        // Places and businesses that look like people.
        "Crowds gathered in Downing Street and outside Lehman Brothers.",
        // Function words, days and months.
        "On Monday The Times reported that May Day passed quietly.",
        // Capitals: a shouted headline is not a name.
        "BOB DIAMOND QUITS",
        // Half a hyphenated given name is no given name.
        "Lee defeated American Jan-Michael Gambill in straight sets.",
        // A longer capitalised name is something else: "Sony Ericsson Mobile" is no person.
        "Shares of Sony Ericsson Mobile rose.",
        // "Department" ends an organization but "Health Department" alone has one name word
        // before it only if it is capitalised.
        "The health department said so.",
    ];
    for text in cases {
        assert_eq!(discovered(text), found(&[]), "{text}");
    }
}

#[test]
fn a_shared_surname_goes_to_the_person_named_last_before_it() {
    let text = "Jane Doe met John Doe. Later Doe said no. Then Jane Doe left, and Doe smiled.";
    let names: Vec<(String, String)> = discovered(text)
        .into_iter()
        .map(|(surface, _, name)| (surface, name))
        .collect();
    assert_eq!(
        names,
        [
            ("Jane Doe", "Jane Doe"),
            ("John Doe", "John Doe"),
            ("Doe", "John Doe"),
            ("Jane Doe", "Jane Doe"),
            ("Doe", "Jane Doe"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
}

#[test]
fn offsets_slice_the_original_text_whatever_the_script() {
    let text = "«Ça suffit», a dit José Bové. Bové’s farm, said Zoë Ball, Bové!";
    for (surface, _, _) in discovered(text) {
        assert!(text.contains(&surface));
    }
    assert_eq!(
        discovered(text)
            .iter()
            .map(|(s, _, _)| s.as_str())
            .collect::<Vec<_>>(),
        ["José Bové", "Bové", "Zoë Ball", "Bové"]
    );
}
