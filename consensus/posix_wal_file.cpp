// PosixWalFile: the WAL's file on disk, with open/read/write/fsync/ftruncate.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "consensus/wal.hpp"

namespace grid::consensus {

using core::Result;
using core::Status;

namespace {

Status os_error(const std::string& what, const std::string& path) {
  return Status::io(what + " " + path + ": " + std::strerror(errno));
}

}  // namespace

Result<std::unique_ptr<PosixWalFile>> PosixWalFile::open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return os_error("open", path);
  return std::unique_ptr<PosixWalFile>(new PosixWalFile(fd, path));
}

PosixWalFile::~PosixWalFile() {
  ::close(fd_);
}

Result<core::Bytes> PosixWalFile::read_all() {
  core::Bytes out;
  std::uint8_t buf[1 << 16];
  off_t offset = 0;
  for (;;) {
    ssize_t n = ::pread(fd_, buf, sizeof buf, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return os_error("read", path_);
    if (n == 0) return out;
    out.insert(out.end(), buf, buf + n);
    offset += n;
  }
}

Status PosixWalFile::append(core::ByteView data) {
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd_, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return os_error("write", path_);
    done += static_cast<std::size_t>(n);
  }
  return Status::ok();
}

Status PosixWalFile::sync() {
  if (::fsync(fd_) != 0) return os_error("fsync", path_);
  return Status::ok();
}

Status PosixWalFile::truncate(std::uint64_t size) {
  if (::ftruncate(fd_, static_cast<off_t>(size)) != 0) return os_error("ftruncate", path_);
  return sync();
}

}  // namespace grid::consensus
