// Package privacy applies the disclosure-control rules of spec §8 to waves, quotes and published tables.
package privacy
