// Package project locates a report project's folders, reads report.toml and loads every wave.
package project
