package piko.cli;

import picocli.CommandLine;

/**
 * What picocli asks to make objects. Its default factory first looks for Groovy's Closure class,
 * a search through every jar on the class path (8 ms of each command's start); the models of
 * CommandSpecs hand picocli their objects, so it is asked only for the rare rest.
 */
final class PicocliFactory implements CommandLine.IFactory {
    static final PicocliFactory INSTANCE = new PicocliFactory();

    private PicocliFactory() {
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        return CommandLine.defaultFactory().create(cls);
    }
}
