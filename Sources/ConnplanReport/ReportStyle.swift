// SPDX-License-Identifier: GPL-3.0-or-later
//
// The report's one style sheet, inlined into every report. Screen: a single readable column.
// Print: A4 with margins and page numbers (CSS Paged Media: @page and its margin boxes), rows never
// split across pages, table headers repeat, totals rows do not, major sections start a new page,
// and every distinction drawn in colour is also drawn with a line style or a word, so a
// black-and-white print reads the same.

enum ReportStyle {
    /// A4 content width at 96 CSS px per inch: 210 mm − 2 × 14 mm = 182 mm ≈ 688 px.
    static let printContentWidthMillimetres = 182

    static func css(pageFooter: String) -> String {
        """
        @page { size: A4 portrait; margin: 14mm 14mm 16mm 14mm;
          @bottom-left { content: "\(cssString(pageFooter))"; font: 7.5pt "DejaVu Sans", Arial, sans-serif; color: #444; }
          @bottom-right { content: "page " counter(page) " of " counter(pages); font: 7.5pt "DejaVu Sans", Arial, sans-serif; color: #444; }
        }
        :root { --ink: #1a1a1a; --muted: #555; --rule: #b8b8b8; --shade: #f0f0f0; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0 auto; max-width: 1120px; padding: 28px 40px 40px; color: var(--ink); background: #fff;
          font: 15px/1.45 "DejaVu Sans", "Noto Sans", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif; }
        h1 { font-size: 1.75em; margin: 0 0 0.2em; line-height: 1.2; overflow-wrap: break-word; }
        h2 { font-size: 1.3em; margin: 1.6em 0 0.5em; padding-bottom: 0.15em; border-bottom: 2px solid var(--ink); break-after: avoid; }
        h3 { font-size: 1.05em; margin: 1.1em 0 0.4em; break-after: avoid; }
        p { margin: 0.4em 0; }
        .subtitle { color: var(--muted); margin: 0.1em 0; overflow-wrap: break-word; }
        .banner { margin: 0.8em 0 0.4em; padding: 0.45em 0.8em; font-weight: bold; border-left: 8px solid; }
        .banner.good { border-left-style: solid; border-color: #1b7a3a; background: #eaf5ee; }
        .banner.warning { border-left-style: double; border-color: #b36b00; background: #fff4e0; }
        .banner.bad { border-left-style: dashed; border-color: #b3001b; background: #fde8ea; }
        .note { color: var(--muted); font-size: 0.92em; }
        p.note, caption { break-after: avoid; }
        .contents h2 { font-size: 1em; border: none; margin: 1em 0 0.2em; }
        .contents ol { margin: 0; padding-left: 1.6em; columns: 2; column-gap: 2em; }
        .contents a { color: inherit; }
        table { border-collapse: collapse; width: 100%; margin: 0.5em 0 0.8em; font-size: 0.88em; }
        caption { text-align: left; font-weight: bold; padding: 0.2em 0; }
        th, td { border: 1px solid var(--rule); padding: 0.22em 0.45em; text-align: left; vertical-align: top; overflow-wrap: break-word; }
        th { background: #e4e4e4; font-weight: bold; }
        tbody tr:nth-child(even) td { background: #f7f7f7; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; overflow-wrap: normal; }
        td.nw, th.nw { white-space: nowrap; overflow-wrap: normal; }
        tr.optimum td { font-weight: bold; }
        tr.unavailable td { color: var(--muted); }
        tfoot td { font-weight: bold; border-top: 2px solid var(--ink); background: var(--shade); }
        tr { break-inside: avoid; }
        thead { display: table-header-group; }
        tfoot { display: table-row-group; }
        table.compact { font-size: 0.74em; }
        table.compact th, table.compact td { padding: 0.12em 0.3em; }
        table.key-value th { width: 34%; background: var(--shade); }
        .figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0.5em; margin: 0.6em 0; }
        .figure { border: 1px solid var(--rule); border-top: 4px solid var(--ink); padding: 0.35em 0.6em; break-inside: avoid; }
        .figure .label { font-size: 0.8em; color: var(--muted); text-transform: uppercase; letter-spacing: 0.03em; }
        .figure .value { font-size: 1.25em; font-weight: bold; font-variant-numeric: tabular-nums; overflow-wrap: break-word; }
        .figure .detail { font-size: 0.82em; color: var(--muted); overflow-wrap: break-word; }
        .status-pending { font-weight: bold; text-decoration: underline dotted; }
        .status-refused { font-weight: bold; border: 1px solid; padding: 0 0.2em; }
        .sev { display: inline-block; min-width: 5.2em; font-size: 0.78em; font-weight: bold; text-align: center; border: 1px solid; padding: 0 0.3em; margin-right: 0.4em; }
        .sev.error { border-color: #b3001b; color: #b3001b; border-style: double; border-width: 3px; }
        .sev.warning { border-color: #b36b00; color: #8a5200; border-style: dashed; }
        .sev.note { border-color: #666; color: #444; }
        ul.findings { list-style: none; padding-left: 0; }
        ul.findings li { margin: 0.35em 0; break-inside: avoid; overflow-wrap: break-word; }
        figure.map { margin: 0.5em 0; break-inside: avoid; }
        figure.map svg.network { display: block; width: 100%; height: auto; border: 1px solid var(--rule); }
        figure.map figcaption { font-size: 0.85em; color: var(--muted); margin-top: 0.3em; }
        .legend { display: flex; flex-wrap: wrap; gap: 0.25em 1.4em; list-style: none; padding: 0; margin: 0.5em 0; font-size: 0.85em; break-inside: avoid; }
        .legend li { display: flex; align-items: center; gap: 0.4em; }
        .legend svg { flex: none; }
        dl.read { margin: 0.4em 0; }
        dl.read dt { font-weight: bold; margin-top: 0.5em; break-after: avoid; }
        dl.read dd { margin: 0.1em 0 0 1.2em; }
        .colophon { margin-top: 2.5em; padding-top: 0.4em; border-top: 1px solid var(--rule); font-size: 0.8em; color: var(--muted); }
        @media screen and (max-width: 1100px) {
          body { padding: 16px 14px 28px; }
          table.compact { font-size: 0.7em; }
          table.compact th, table.compact td { padding: 0.1em 0.22em; }
        }
        @media print {
          body { max-width: none; padding: 0; font-size: 9.5pt; }
          h1 { font-size: 17pt; }
          h2 { font-size: 12.5pt; }
          section.new-page { break-before: page; }
          section.keep { break-inside: avoid; }
          figure.map svg.network { max-height: 195mm; }
          a { color: inherit; text-decoration: none; }
          table { font-size: 8.5pt; }
          table.compact { font-size: 7pt; }
        }

        """
    }

    /// Text as the body of a CSS string literal (CSS Syntax §4.3.5): every character outside a small
    /// safe set becomes a six-digit escape, so no value can close the string or the style element.
    /// Spaces are escaped too: a parser takes one space after an escape as part of the escape.
    static func cssString(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            let safe = ("a"..."z").contains(u) || ("A"..."Z").contains(u) || ("0"..."9").contains(u) || ".,-_()".unicodeScalars.contains(u)
            if safe {
                out.unicodeScalars.append(u)
            } else {
                let hex = String(u.value, radix: 16, uppercase: true)
                out += "\\" + String(repeating: "0", count: max(0, 6 - hex.count)) + hex
            }
        }
        return out
    }
}
