#pragma once

#include <QString>

namespace saltant {

// Stops one step of a deploy while a test acts (presses Cancel, kills the connection...). Wrappers of the chosen
// programs live in directory(), which a test puts first on the remote PATH; each runs the real program. Once
// armed, the next call of any wrapper (and only that one) writes its command line to a file and waits until the
// test opens the gate. No timing is involved: the test waits for isReached(), acts, then calls open().
// Programs are armed one at a time: the held call is the first of that program.
//
//     StepGate gate(dir + "/gate");
//     gate.wrap("systemctl", fixture.binDir() + "/systemctl", &error);
//     peer.setRemotePathPrefix(gate.directory() + ':' + fixture.binDir());
//     gate.arm("systemctl");  ...start the deploy...  QTRY_VERIFY(gate.isReached());  ...act...  gate.open();
//
// A command of the test's own is held the same way with holdCommand() in its command line (after close()).
class StepGate
{
public:
    explicit StepGate(const QString& directory);
    // Opens the gate, so a waiting wrapper never outlives the test.
    ~StepGate();
    StepGate(const StepGate&) = delete;
    StepGate& operator=(const StepGate&) = delete;

    QString directory() const { return m_directory; }
    // Writes directory()/program, which waits when program is armed, then runs realProgram with the same arguments.
    // program must be a plain file name.
    bool wrap(const QString& program, const QString& realProgram, QString* error);

    // The next call of program's wrapper waits (the gate is closed again if it was open).
    bool arm(const QString& program, QString* error = nullptr);
    // Closes the gate without arming a wrapper: for holdCommand().
    void close();
    // A shell command line (for a remote command the test runs itself) that marks the gate reached by `what` and
    // waits until open(); after timeoutSeconds it gives up with exit status 124, so a gate left closed ends the
    // command rather than the test run. Stands where a test would otherwise `sleep 120` to keep a command running.
    QString holdCommand(const QString& what, int timeoutSeconds = 60) const;
    // A call is waiting (or waited) at the gate.
    bool isReached() const;
    // The waiting call: "program arg...".
    QString reachedBy() const;
    // Lets the waiting call, and every later one, go on.
    void open();

private:
    QString m_directory;
};

} // namespace saltant
