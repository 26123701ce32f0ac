// Package fonts embeds the typefaces every renderer uses: Liberation Sans for Latin text and
// Nanum Gothic (SIL Open Font License, see OFL-Nanum.txt) for Korean.
package fonts
