// Package publish writes outputs atomically: nothing half-written ever appears where a user looks.
package publish
