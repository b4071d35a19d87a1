#pragma once

class QPlainTextEdit;

namespace saltant {

// Colours the added and removed lines of the unified diff a read-only view shows (the plan's and the deploy
// history's diffs).
class DiffMarks
{
public:
    static void apply(QPlainTextEdit* view);
};

} // namespace saltant
