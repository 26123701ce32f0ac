// Package safefile opens and reads only regular files: never a symbolic link, a named pipe, a
// device or a socket, and never more than a stated number of bytes.
package safefile
