package schema

// schemaV15 gives an action the day or month its work is due to start
// ("YYYY-MM-DD" or "YYYY-MM", "" when the plan does not say). An action
// still not started after it is an overdue initiation, the same rule as a
// document's "Initiate September 2019", which stays in initiate_by.
const schemaV15 = `
ALTER TABLE actions ADD COLUMN start_date VARCHAR(10) NOT NULL DEFAULT '';
`
