// The dashboards' pages, styles and scripts (web/), compiled into the programs by
// cmake/embed_web.cmake: the binary serves them with no folder beside it.
#pragma once

#include <string_view>
#include <vector>

namespace antre::web {

struct Asset {
    std::string_view name;   ///< file name in web/, e.g. "index.html"
    std::string_view bytes;  ///< the file's contents
};

/// Every file of web/ (*.html, *.css, *.js), sorted by name.
const std::vector<Asset>& embedded_assets();
/// Every file of web/public/ (the citizens' public page), sorted by name.
const std::vector<Asset>& public_assets();
/// Every file of web/hub/ with web/app.css and web/charts.js (antre-hub's central
/// dashboard; generated into antre-hub's build, not the server's).
const std::vector<Asset>& hub_assets();

}  // namespace antre::web
