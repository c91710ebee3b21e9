// A file of the website, as the site's parts hand it over to be written.
#pragma once

#include <string>

namespace mipex::site {

struct File {
    std::string path; ///< relative to the site's root, with '/' ("en/country/se.html")
    std::string data; ///< its bytes
};

} // namespace mipex::site
