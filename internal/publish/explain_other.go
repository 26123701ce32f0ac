//go:build !unix

package publish

import (
	"errors"
	"syscall"
)

func errnoMessage(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return "the disk is full: free some space, then run the command again"
	case errors.Is(err, syscall.EROFS):
		return "the disk is read-only: choose a place on a disk you can write to"
	case errors.Is(err, syscall.ENOTDIR):
		return "a part of this path is a file, not a folder"
	case errors.Is(err, syscall.EISDIR):
		return "is a folder, not a file"
	}
	return ""
}
