// Text bound for a terminal: what an article, a feed or a file name says must not drive the
// terminal (clear the screen, move the cursor, retitle the window). Used by every table, list
// and message the CLI prints; JSON, CSV and GeoJSON output are data and are left as they are.
#pragma once

#include <string>
#include <string_view>

namespace sitrep {

// `text` with C0 controls (tab and newline included), DEL and C1 controls (U+0080-U+009F)
// written as \xNN / \u00NN, and bytes that are not UTF-8 as \xNN. Printable UTF-8 is kept.
std::string terminal_safe(std::string_view text);

}  // namespace sitrep
