// Package publish puts outputs where a user looks, all or nothing: single files by rename, the
// publication folder out/ by switching a complete new generation in at once, never touching a
// file it did not write, never writing into a project's interviews/ or templates/.
package publish
