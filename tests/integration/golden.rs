//! Golden files for `--help`: the interface is reviewed like code.

use crate::common::{assert_golden, kgx, repo};

#[test]
fn help_texts_match_the_golden_files() {
    for (args, file) in [
        (&["--help"][..], "help.txt"),
        (&["extract", "--help"][..], "help_extract.txt"),
        (&["links", "--help"][..], "help_links.txt"),
        (&["dict", "check", "--help"][..], "help_dict_check.txt"),
    ] {
        let run = kgx(&repo(), args);
        assert_eq!(run.code, 0);
        assert_golden(file, &run.stdout);
    }
}
