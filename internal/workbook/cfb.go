package workbook

import (
	"encoding/binary"
	"errors"
	"strings"
	"unicode/utf16"
)

// The compound file binary format (MS-CFB) is the container of old .xls, .doc and of xlsx files
// encrypted with a password. Only its directory is read here, to learn which streams the root
// storage holds: every loop is bounded by the number of sectors in the file.

const (
	cfbMaxRegSect = 0xFFFFFFFA
	cfbNoStream   = 0xFFFFFFFF
)

var errCFB = errors.New("not a readable compound file")

// cfbRootStreams returns the names, in lower case, of the streams directly in the root storage.
func cfbRootStreams(raw []byte) (map[string]bool, error) {
	if len(raw) < 512 || binary.LittleEndian.Uint64(raw) != 0xE11AB1A1E011CFD0 {
		return nil, errCFB
	}
	shift := binary.LittleEndian.Uint16(raw[0x1E:])
	if shift != 9 && shift != 12 {
		return nil, errCFB
	}
	ss := 1 << shift
	nSect := uint32(len(raw)/ss) - 1 // whole sectors after the header
	sector := func(n uint32) ([]byte, error) {
		if n >= nSect {
			return nil, errCFB
		}
		off := (int(n) + 1) * ss
		return raw[off : off+ss], nil
	}
	// the FAT's sectors: 109 listed in the header, the others in the DIFAT chain
	// (listed in order; the first free entry ends the list)
	var fat []uint32
	ended := false
	add := func(s uint32) {
		if ended || s >= cfbMaxRegSect || uint32(len(fat)) >= nSect {
			ended = true
			return
		}
		fat = append(fat, s)
	}
	for i := 0; i < 109; i++ {
		add(binary.LittleEndian.Uint32(raw[0x4C+4*i:]))
	}
	difat := binary.LittleEndian.Uint32(raw[0x44:])
	for steps := uint32(0); difat < cfbMaxRegSect; steps++ {
		if steps > nSect {
			return nil, errCFB // a cycle
		}
		s, err := sector(difat)
		if err != nil {
			return nil, err
		}
		for i := 0; i < ss/4-1; i++ {
			add(binary.LittleEndian.Uint32(s[4*i:]))
		}
		difat = binary.LittleEndian.Uint32(s[ss-4:])
	}
	perFAT := uint32(ss / 4)
	next := func(n uint32) (uint32, error) {
		i := n / perFAT
		if int(i) >= len(fat) {
			return 0, errCFB
		}
		s, err := sector(fat[i])
		if err != nil {
			return 0, err
		}
		return binary.LittleEndian.Uint32(s[4*(n%perFAT):]), nil
	}
	// the directory: a chain of sectors of 128-byte entries, kept as their offsets in raw
	var dir []int
	sec := binary.LittleEndian.Uint32(raw[0x30:])
	for steps := uint32(0); sec < cfbMaxRegSect; steps++ {
		if steps > nSect {
			return nil, errCFB
		}
		if _, err := sector(sec); err != nil {
			return nil, err
		}
		for off := 0; off+128 <= ss; off += 128 {
			dir = append(dir, (int(sec)+1)*ss+off)
		}
		var err error
		if sec, err = next(sec); err != nil {
			return nil, err
		}
	}
	field := func(id uint32, at int) uint32 { return binary.LittleEndian.Uint32(raw[dir[id]+at:]) }
	if len(dir) == 0 || raw[dir[0]+66] != 5 {
		return nil, errCFB
	}
	// the root's children form a tree through their left and right siblings
	streams := map[string]bool{}
	seen := make([]bool, len(dir))
	stack := []uint32{field(0, 76)}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if id == cfbNoStream || int(id) >= len(dir) || seen[id] {
			continue
		}
		seen[id] = true
		if raw[dir[id]+66] == 2 {
			streams[strings.ToLower(cfbName(raw[dir[id]:dir[id]+128]))] = true
		}
		stack = append(stack, field(id, 68), field(id, 72))
	}
	return streams, nil
}

// cfbName decodes the UTF-16 name of a directory entry.
func cfbName(e []byte) string {
	n := min(int(binary.LittleEndian.Uint16(e[64:])), 64)
	u := make([]uint16, 0, 32)
	for i := 0; i+1 < n; i += 2 {
		if c := binary.LittleEndian.Uint16(e[i:]); c != 0 {
			u = append(u, c)
		}
	}
	return string(utf16.Decode(u))
}
