//! The 导出 Excel button above a table. It holds no code of its own: `grassroots.js` reads the
//! table it names (`data-gr-export`, the table's id in the widget) as shown — rows after the
//! filters, columns less those marked `gr-noexport` — fires `gr-export`, and unless the host
//! cancels it loads the spreadsheet module and downloads the .xlsx. So a widget module carries
//! no spreadsheet code, and a page that never exports never loads it.

use yew::prelude::*;

use crate::i18n::Lang;

/// The button exporting table `id`, whose caption is `caption`.
pub fn button(lang: Lang, id: &'static str, caption: &str) -> Html {
    let text = lang.text();
    html! {
        <button type="button" class="gr-export" data-gr-export={id} aria-label={(text.export_named)(caption)}>{ text.export_xlsx }</button>
    }
}
