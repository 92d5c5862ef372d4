//! The commands that describe the command line itself, generated from its definitions:
//! `completions SHELL` (clap_complete) and `man` (clap_mangen).

use std::path::PathBuf;

use clap::{CommandFactory, Subcommand};
use clap_complete::Shell;

use super::report::{Ctx, Fail, Format};

#[derive(Subcommand)]
pub(crate) enum Commands {
    /// Print the shell completion script for bash, zsh, fish or powershell, e.g.
    /// `grassroots completions bash > /etc/bash_completion.d/grassroots`.
    Completions {
        /// The shell.
        shell: Shell,
    },
    /// Print the manual page (roff) of `grassroots`, e.g. `grassroots man | man -l -`; with
    /// --dir, write one page for it and one for each subcommand (grassroots-validate-tree.1, …).
    Man {
        /// The folder to write every page into.
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

pub(crate) fn run(command: Commands, ctx: &Ctx) -> Result<(), Fail> {
    ctx.only(&[Format::Text])?;
    let cmd = super::Cli::command();
    match command {
        Commands::Completions { shell } => {
            let mut cmd = cmd;
            let mut out = std::io::stdout();
            clap_complete::generate(shell, &mut cmd, "grassroots", &mut out);
            Ok(())
        }
        Commands::Man { dir: None } => {
            let mut page = Vec::new();
            clap_mangen::Man::new(cmd).render(&mut page).map_err(|e| Fail::Unreadable(format!("cannot render the manual page: {e}")))?;
            use std::io::Write;
            let _ = std::io::stdout().write_all(&page);
            Ok(())
        }
        Commands::Man { dir: Some(dir) } => {
            std::fs::create_dir_all(&dir).map_err(|e| Fail::Unreadable(format!("cannot make {}: {e}", dir.display())))?;
            clap_mangen::generate_to(cmd, &dir).map_err(|e| Fail::Unreadable(format!("cannot write the pages into {}: {e}", dir.display())))?;
            eprintln!("{}: manual pages written", dir.display());
            Ok(())
        }
    }
}
