package models

import (
	"time"
)

// ProgressUpdate is one entry in an action's append-only progress history.
type ProgressUpdate struct {
	ID          uint `gorm:"primaryKey"`
	ActionID    uint
	UpdateDate  time.Time // the date the update speaks for
	Narrative   string
	Status      string
	RAG         string `gorm:"column:rag"`
	Evidence    string
	EvidenceURL string
	Reason      string // why a complete action was reopened, or why nothing changed
	NoChange    bool   // "No change since the last update", with Reason
	UserID      *uint
	AuthorName  string // kept even if the user is later renamed
	CreatedAt   time.Time
}

// ImportAuthor attributes the document's own progress text.
const ImportAuthor = "Imported from the action plan document"
