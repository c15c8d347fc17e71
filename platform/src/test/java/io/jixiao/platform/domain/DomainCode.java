package io.jixiao.platform.domain;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** A refusal with this stable code: what the API answers and clients act on, beyond the exception's type. */
public final class DomainCode extends TypeSafeMatcher<Throwable> {

    private final String code;

    private DomainCode(String code) {
        this.code = code;
    }

    public static Matcher<Throwable> code(String code) {
        return new DomainCode(code);
    }

    @Override
    protected boolean matchesSafely(Throwable thrown) {
        return thrown instanceof DomainException refusal && code.equals(refusal.code());
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a DomainException with code ").appendValue(code);
    }

    @Override
    protected void describeMismatchSafely(Throwable thrown, Description mismatch) {
        if (thrown instanceof DomainException refusal) {
            mismatch.appendText("its code was ").appendValue(refusal.code());
        } else {
            mismatch.appendText("was not a DomainException: ").appendValue(thrown);
        }
    }
}
