package models

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// foldLetters are the Latin letters that do not decompose into a base letter
// and accents, spelt as English writers spell them without the accent.
var foldLetters = map[rune]string{
	'ł': "l", 'Ł': "L", 'ı': "i", 'ß': "ss", 'ẞ': "SS", 'æ': "ae", 'Æ': "AE", 'ø': "o", 'Ø': "O",
	'œ': "oe", 'Œ': "OE", 'đ': "d", 'Đ': "D", 'ð': "d", 'Ð': "D", 'þ': "th", 'Þ': "Th", 'ħ': "h",
	'Ħ': "H", 'ŀ': "l", 'Ŀ': "L", 'ŋ': "ng", 'Ŋ': "NG", 'ſ': "s", 'ĸ': "k",
}

// foldLatin spells Latin letters with accents as their base letters ("Łódź"
// -> "Lodz", "Ŵyddgrug" -> "Wyddgrug", "Straße" -> "Strasse"), so that a
// name's slug keeps its words. Other scripts are left as they are.
func foldLatin(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if f, ok := foldLetters[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}
