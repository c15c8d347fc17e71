package io.jixiao.platform.security;

import io.jixiao.contracts.access.AccessClaims;
import io.jixiao.contracts.access.Role;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as its validated token says: the subject, the OAuth2 client, the 主管部门 (or every department),
 * the 实施单位 it may be narrowed to, and its roles.
 */
public record Caller(String subject, String client, String department, String unit, Set<Role> roles) {

    public Caller {
        Objects.requireNonNull(subject, "subject");
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... wanted) {
        for (Role role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this caller sees every department: its token says so, or it audits or administers. */
    public boolean reachesAllDepartments() {
        return AccessClaims.ALL_DEPARTMENTS.equals(department) || has(Role.AUDITOR) || has(Role.ADMIN);
    }

    /**
     * Whether a project-year of that department and unit is within this caller's reach. A caller narrowed to a unit
     * reaches only that unit's project-years of its department.
     */
    public boolean reaches(String projectDepartment, String projectUnit) {
        if (reachesAllDepartments()) {
            return unit == null || unit.equals(projectUnit);
        }
        return department != null && department.equals(projectDepartment) && (unit == null || unit.equals(projectUnit));
    }
}
