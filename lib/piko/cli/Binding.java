package piko.cli;

import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;

/** Where a parsed option or parameter goes: a field or a setter method of the command, without reflection. */
final class Binding implements IGetter, ISetter {
    private final Supplier<Object> getter;
    private final Consumer<Object> setter;

    private Binding(Supplier<Object> getter, Consumer<Object> setter) {
        this.getter = getter;
        this.setter = setter;
    }

    static Binding of(Supplier<Object> getter, Consumer<Object> setter) {
        return new Binding(getter, setter);
    }

    /** For a setter method: reads back what was last set, starting from the type's default. */
    static Binding setterOnly(Object initial, Consumer<Object> setter) {
        Object[] last = {initial};
        return new Binding(() -> last[0], v -> {
            last[0] = v;
            setter.accept(v);
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
        return (T) getter.get();
    }

    @Override
    public <T> T set(T value) {
        T old = get();
        setter.accept(value);
        return old;
    }
}
