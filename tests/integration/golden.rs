//! Golden files for `--help`: the interface is reviewed like code.

use crate::common::{assert_golden, kgx, workspace};

#[test]
fn help_texts_match_the_golden_files() {
    let work = workspace();
    for (args, file) in [
        (&["--help"][..], "help.txt"),
        (&["extract", "--help"][..], "help_extract.txt"),
        (&["export", "--help"][..], "help_export.txt"),
        (&["merge", "--help"][..], "help_merge.txt"),
        (&["render", "--help"][..], "help_render.txt"),
        (&["links", "--help"][..], "help_links.txt"),
        (&["explain", "--help"][..], "help_explain.txt"),
        (&["path", "--help"][..], "help_path.txt"),
        (&["top", "--help"][..], "help_top.txt"),
        (&["ego", "--help"][..], "help_ego.txt"),
        (&["stats", "--help"][..], "help_stats.txt"),
        (&["communities", "--help"][..], "help_communities.txt"),
        (&["dict", "--help"][..], "help_dict.txt"),
        (&["dict", "check", "--help"][..], "help_dict_check.txt"),
        (&["dict", "compile", "--help"][..], "help_dict_compile.txt"),
        (&["dict", "suggest", "--help"][..], "help_dict_suggest.txt"),
    ] {
        let run = kgx(work.path(), args);
        assert_eq!(run.code, 0);
        assert_golden(file, &run.stdout);
    }
}
