#include "render/woff2.h"

#include <woff2/encode.h>

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <mutex>

namespace mipex::render {

namespace {

/// Runs `work` with the process's standard error caught, then writes back what it caught but
/// the lines starting with `noise`. Debian builds libwoff2enc with FONT_COMPRESSION_BIN, so
/// every conversion prints "Compressed 37430 to 18054." to standard error
/// (github.com/fontforge/fontforge/issues/3325, which redirects it the same way). Other
/// threads' messages meanwhile are kept, only delayed.
template <class Work>
auto without_noise_on_stderr(const char* noise, Work work) {
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    std::fflush(stderr);
    FILE* caught = std::tmpfile();
    int saved = caught ? dup(STDERR_FILENO) : -1;
    if (saved < 0 || dup2(fileno(caught), STDERR_FILENO) < 0) {
        if (saved >= 0)
            close(saved);
        if (caught)
            std::fclose(caught);
        return work();
    }
    auto result = work();
    std::fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    std::rewind(caught);
    std::string noise_prefix(noise);
    char line[4096];
    while (std::fgets(line, sizeof line, caught))
        if (std::string_view(line).substr(0, noise_prefix.size()) != noise_prefix)
            std::fputs(line, stderr);
    std::fclose(caught);
    return result;
}

} // namespace

std::optional<std::string> compress_woff2(std::string_view font, int quality) {
    const auto* data = reinterpret_cast<const uint8_t*>(font.data());
    size_t length = woff2::MaxWOFF2CompressedSize(data, font.size());
    std::string out(length, '\0');
    woff2::WOFF2Params params;
    params.brotli_quality = quality;
    bool converted = without_noise_on_stderr("Compressed ", [&] {
        return woff2::ConvertTTFToWOFF2(data, font.size(), reinterpret_cast<uint8_t*>(out.data()),
                                        &length, params);
    });
    if (!converted)
        return std::nullopt;
    out.resize(length);
    return out;
}

} // namespace mipex::render
