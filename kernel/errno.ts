// Error codes: how kernel functions report an error without exceptions (docs/SUBSET.md §4,
// "Errors without exceptions").
//
// A function that can fail returns an Errno, Errno.OK on success, and gives its result through
// an out-parameter: a struct the caller owns and passes by reference, whose fields the function
// fills only on success. The caller tests the code before it looks at the result and usually
// passes a failure up unchanged. The values are Linux's (asm-generic/errno-base.h and errno.h),
// so a code means the same as in every other kernel and can go to a guest as it is; the C type
// of Errno is uint32_t. A kernel bug, a state that no caller can handle, is not an Errno: it
// calls panic() (kernel/panic.ts), or unreachable() where control cannot arrive.

/** A Linux error number; OK (0) means success. */
export enum Errno {
  OK = 0,
  EPERM = 1,
  ENOENT = 2,
  EINTR = 4,
  EIO = 5,
  ENXIO = 6,
  E2BIG = 7,
  EBADF = 9,
  EAGAIN = 11,
  ENOMEM = 12,
  EACCES = 13,
  EFAULT = 14,
  EBUSY = 16,
  EEXIST = 17,
  ENODEV = 19,
  ENOTDIR = 20,
  EISDIR = 21,
  EINVAL = 22,
  ENFILE = 23,
  EMFILE = 24,
  EFBIG = 27,
  ENOSPC = 28,
  ESPIPE = 29,
  EROFS = 30,
  EPIPE = 32,
  ERANGE = 34,
  ENAMETOOLONG = 36,
  ENOSYS = 38,
  ENOTEMPTY = 39,
  EPROTO = 71,
  EOVERFLOW = 75,
  EMSGSIZE = 90,
  EOPNOTSUPP = 95,
  EADDRINUSE = 98,
  ENETUNREACH = 101,
  ECONNRESET = 104,
  ENOBUFS = 105,
  ENOTCONN = 107,
  ETIMEDOUT = 110,
  ECONNREFUSED = 111,
  EHOSTUNREACH = 113,
  EALREADY = 114,
  EINPROGRESS = 115,
}

/** The symbolic name of an error number, as Linux's headers spell it ("EIO"). */
export function errnoName(e: Errno): string {
  switch (e) {
    case Errno.OK:
      return "OK";
    case Errno.EPERM:
      return "EPERM";
    case Errno.ENOENT:
      return "ENOENT";
    case Errno.EINTR:
      return "EINTR";
    case Errno.EIO:
      return "EIO";
    case Errno.ENXIO:
      return "ENXIO";
    case Errno.E2BIG:
      return "E2BIG";
    case Errno.EBADF:
      return "EBADF";
    case Errno.EAGAIN:
      return "EAGAIN";
    case Errno.ENOMEM:
      return "ENOMEM";
    case Errno.EACCES:
      return "EACCES";
    case Errno.EFAULT:
      return "EFAULT";
    case Errno.EBUSY:
      return "EBUSY";
    case Errno.EEXIST:
      return "EEXIST";
    case Errno.ENODEV:
      return "ENODEV";
    case Errno.ENOTDIR:
      return "ENOTDIR";
    case Errno.EISDIR:
      return "EISDIR";
    case Errno.EINVAL:
      return "EINVAL";
    case Errno.ENFILE:
      return "ENFILE";
    case Errno.EMFILE:
      return "EMFILE";
    case Errno.EFBIG:
      return "EFBIG";
    case Errno.ENOSPC:
      return "ENOSPC";
    case Errno.ESPIPE:
      return "ESPIPE";
    case Errno.EROFS:
      return "EROFS";
    case Errno.EPIPE:
      return "EPIPE";
    case Errno.ERANGE:
      return "ERANGE";
    case Errno.ENAMETOOLONG:
      return "ENAMETOOLONG";
    case Errno.ENOSYS:
      return "ENOSYS";
    case Errno.ENOTEMPTY:
      return "ENOTEMPTY";
    case Errno.EPROTO:
      return "EPROTO";
    case Errno.EOVERFLOW:
      return "EOVERFLOW";
    case Errno.EMSGSIZE:
      return "EMSGSIZE";
    case Errno.EOPNOTSUPP:
      return "EOPNOTSUPP";
    case Errno.EADDRINUSE:
      return "EADDRINUSE";
    case Errno.ENETUNREACH:
      return "ENETUNREACH";
    case Errno.ECONNRESET:
      return "ECONNRESET";
    case Errno.ENOBUFS:
      return "ENOBUFS";
    case Errno.ENOTCONN:
      return "ENOTCONN";
    case Errno.ETIMEDOUT:
      return "ETIMEDOUT";
    case Errno.ECONNREFUSED:
      return "ECONNREFUSED";
    case Errno.EHOSTUNREACH:
      return "EHOSTUNREACH";
    case Errno.EALREADY:
      return "EALREADY";
    case Errno.EINPROGRESS:
      return "EINPROGRESS";
    default:
      return "E?";
  }
}
