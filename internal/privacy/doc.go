// Package privacy applies the disclosure-control rules of docs/disclosure.md to waves, quotes and published tables.
package privacy
