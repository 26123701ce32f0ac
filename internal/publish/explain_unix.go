//go:build unix

package publish

import (
	"errors"
	"syscall"
)

func errnoMessage(err error) string {
	var no syscall.Errno
	if !errors.As(err, &no) {
		return ""
	}
	switch no {
	case syscall.ENOSPC:
		return "the disk is full: free some space, then run the command again"
	case syscall.EDQUOT:
		return "your disk quota is used up: free some space (or ask for a larger quota), then run the command again"
	case syscall.EACCES, syscall.EPERM:
		return "permission denied: you may not write (or read) there; check the folder's permissions, or choose another place"
	case syscall.EROFS:
		return "the disk is read-only: choose a place on a disk you can write to"
	case syscall.ENOTDIR:
		return "a part of this path is a file, not a folder"
	case syscall.EISDIR:
		return "is a folder, not a file"
	case syscall.ENOENT:
		return "does not exist"
	case syscall.ELOOP:
		return "too many symbolic links (a link that points to itself?)"
	case syscall.ENAMETOOLONG:
		return "the name is too long"
	case syscall.EIO:
		return "the disk reported a read or write error: check the disk or USB stick, then try again"
	case syscall.EXDEV:
		return "is on another disk than the project: keep it on the same disk"
	case syscall.EMFILE, syscall.ENFILE:
		return "too many files are open: close some programs, then try again"
	case syscall.EBUSY, syscall.ETXTBSY:
		return "is in use by another program: close it, then try again"
	case syscall.ENXIO:
		return "is a device or pipe with nothing at the other end"
	}
	return ""
}
