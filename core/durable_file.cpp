#include "core/durable_file.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string>

namespace grid::core {
namespace {

Status os_failure(const std::filesystem::path& path, const std::string& what, int err) {
  return Status::io(path.string() + ": " + what + ": " + std::strerror(err));
}

Status write_all(int fd, ByteView bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::io(std::strerror(errno));
    }
    done += static_cast<std::size_t>(n);
  }
  return Status::ok();
}

Status sync_directory(const std::filesystem::path& path) {
  std::filesystem::path dir = path.parent_path();
  if (dir.empty()) dir = ".";
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) return os_failure(dir, "cannot open directory to sync", errno);
  int rc = ::fsync(dfd);
  int err = errno;
  ::close(dfd);
  if (rc != 0) return os_failure(dir, "cannot sync directory", err);
  return Status::ok();
}

}  // namespace

Status write_file_durably(const std::filesystem::path& path, ByteView bytes, mode_t mode) {
  std::array<std::uint8_t, 8> rnd{};
  randombytes_buf(rnd.data(), rnd.size());
  std::filesystem::path tmp = path;
  tmp += ".tmp-" + hex_encode(rnd);

  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
  if (fd < 0) return os_failure(tmp, "cannot create", errno);
  auto fail = [&](const std::string& what, int err) {
    if (fd >= 0) ::close(fd);
    ::unlink(tmp.c_str());
    return os_failure(tmp, what, err);
  };
  if (::fchmod(fd, mode) != 0) return fail("cannot set its mode", errno);
  if (Status st = write_all(fd, bytes); !st.is_ok()) return fail("cannot write", errno);
  if (::fsync(fd) != 0) return fail("cannot sync", errno);
  int rc = ::close(fd);
  fd = -1;
  if (rc != 0) return fail("cannot close", errno);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return os_failure(path, "cannot rename " + tmp.string() + " into place", err);
  }
  return sync_directory(path);
}

}  // namespace grid::core
