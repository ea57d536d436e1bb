// write_file_durably: replace a file's contents so that a crash leaves the old file or the new
// one, never a torn or world-readable one. The one writer of key files and node config files.
//
// Contract: the bytes go to a fresh file beside `path` with a random name, created with
// O_CREAT|O_EXCL|O_NOFOLLOW (an existing file or a symlink planted there is refused, never
// followed) and mode `mode` from the start (fchmod'ed again, so the umask cannot widen it);
// written, fsynced, renamed over `path`, and the directory fsynced. On any failure the temporary
// file is removed and Code::io names the path, what failed and the OS error.
// Thread safety: pure function over the file system.
#pragma once

#include <sys/types.h>

#include <filesystem>

#include "core/bytes.hpp"
#include "core/status.hpp"

namespace grid::core {

Status write_file_durably(const std::filesystem::path& path, ByteView bytes, mode_t mode);

}  // namespace grid::core
