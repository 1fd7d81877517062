package piko.cli;

import piko.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import piko.error.PikoException;

/**
 * Prints a shell's completion script; the script asks `piko __complete` for the words. The word
 * being completed goes as --current=<word>: JBang drops an empty argument, never a non-empty one.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print the shell completion script for bash, zsh or fish (see the README to install it).")
final class Completion extends BaseCommand {
    @Parameters(paramLabel = "<shell>", description = "bash, zsh or fish.")
    String shell;

    static final String BASH = """
            # piko completion for bash: source <(piko completion bash)
            _piko() {
                local IFS=$'\\n'
                COMPREPLY=($(piko __complete --current="${COMP_WORDS[COMP_CWORD]}" -- "${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null))
            }
            complete -o default -F _piko piko
            """;

    static final String ZSH = """
            #compdef piko
            # piko completion for zsh: source <(piko completion zsh), after compinit
            _piko() {
                local -a candidates
                candidates=(${(f)"$(piko __complete --current="${words[CURRENT]}" -- "${(@)words[2,CURRENT-1]}" 2>/dev/null)"})
                compadd -a candidates
            }
            compdef _piko piko
            """;

    static final String FISH = """
            # piko completion for fish: piko completion fish | source
            function __piko_complete
                set -l tokens (commandline -opc)
                set -e tokens[1]
                set -l current (commandline -ct)
                piko __complete --current="$current" -- $tokens 2>/dev/null
            end
            complete -c piko -f -a '(__piko_complete)'
            """;

    @Override
    int execute() {
        String script = switch (shell) {
            case "bash" -> BASH;
            case "zsh" -> ZSH;
            case "fish" -> FISH;
            default -> throw new PikoException("no completion for shell '" + shell + "'", "choose bash, zsh or fish", ExitCode.USAGE);
        };
        out().print(script);
        out().flush();
        return ExitCode.OK.code();
    }
}
