package piko.exec;

import java.util.ArrayList;
import java.util.List;

/** A process runner for unit tests: answers every call with one canned result and records the commands. */
public final class RecordingRunner extends ProcessRunner {
    public final List<List<String>> calls = new ArrayList<>();
    private final Result answer;

    public RecordingRunner(int code, String stdout, String stderr) {
        answer = new Result(code, stdout, stderr);
    }

    public static RecordingRunner succeeding() {
        return new RecordingRunner(0, "", "");
    }

    @Override
    public Result run(Call call) {
        calls.add(call.command());
        return answer;
    }

    public long count(String program) {
        return calls.stream().filter(c -> c.get(0).equals(program)).count();
    }
}
