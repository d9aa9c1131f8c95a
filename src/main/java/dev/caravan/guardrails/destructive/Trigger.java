package dev.caravan.guardrails.destructive;

import java.util.List;

/** The words (and the quote shape) where a destructive command, query or SQL injection can begin, each with its rule. */
enum Trigger {
    RM(FileSystemRules::rm, "rm"),
    WINDOWS_RMDIR(FileSystemRules::windowsRmdir, "rmdir", "rd"),
    WINDOWS_DEL(FileSystemRules::windowsDel, "del", "erase"),
    REMOVE(FileSystemRules::remove, "remove"),
    FIND(FileSystemRules::find, "find"),
    MV(FileSystemRules::mv, "mv"),
    RSYNC(FileSystemRules::rsync, "rsync"),
    CHMOD(FileSystemRules::chmod, "chmod", "chown"),
    CODE_DELETE(
            FileSystemRules::codeDelete,
            "rmtree",
            "rmsync",
            "rmdirsync",
            "rimraf",
            "rm_rf",
            "rm_r",
            "removeall",
            "remove_dir_all",
            "deletedirectory"),
    CRONTAB(FileSystemRules::crontab, "crontab"),
    FORK(ForkBombRules::loop, "fork"),
    SELF_PIPE(ForkBombRules::selfPipe),
    DISK(
            DiskRules::disk,
            "dd",
            "mkfs",
            "mke2fs",
            "mkswap",
            "wipefs",
            "shred",
            "sfdisk",
            "parted",
            "sgdisk",
            "blkdiscard",
            "cryptsetup",
            "nvme",
            "zfs",
            "zpool",
            "lvremove",
            "vgremove",
            "pvremove"),
    DEVICE(DiskRules::deviceRedirect, "dev"),
    SYSTEM_FILE(DiskRules::systemFileRedirect, "etc", "boot", "var"),
    EMPTIED_FILE(DiskRules::emptiedFile, "cp"),
    WINDOWS_DISK(DiskRules::windowsDisk, "format", "clear"),
    KUBECTL(PlatformRules::kubectl, "kubectl", "oc"),
    HELM(PlatformRules::helm, "helm"),
    AWS(PlatformRules::aws, "aws"),
    GCLOUD(PlatformRules::gcloud, "gcloud", "gsutil", "az"),
    IAC(PlatformRules::infrastructure, "terraform", "tofu", "pulumi", "cdk", "cdktf"),
    DOCKER(PlatformRules::docker, "docker", "podman"),
    CLI(CliRules::cli, CliRules.names()),
    GIT(GitRules::git, "git"),
    DROP(DataStoreRules::drop, "drop", "dropdb"),
    TRUNCATE(DataStoreRules::truncate, "truncate"),
    DELETE(DataStoreRules::delete, "delete", "xdelete"),
    DELETE_BY_QUERY(DataStoreRules::deleteByQuery, "_delete_by_query"),
    UPDATE(DataStoreRules::update, "update"),
    MONGO(DataStoreRules::mongo, "dropdatabase", "deletemany", "delete_many", "updatemany", "update_many"),
    DETACH(DataStoreRules::detach, "detach"),
    FLUSH(DataStoreRules::flush, "flushall", "flushdb"),
    TIMING(SqlInjectionRules::timing, "sleep", "pg_sleep", "benchmark", "waitfor"),
    UNION(SqlInjectionRules::union, "union"),
    QUOTE(SqlInjectionRules::quote);

    private final Rule rule;
    private final List<String> words;

    Trigger(Rule rule, String... words) {
        this.rule = rule;
        this.words = List.of(words);
    }

    Rule rule() {
        return rule;
    }

    List<String> words() {
        return words;
    }

    /**
     * SQL-injection triggers are tracked apart from destructive ones: one text can be both. Their rules read only the
     * text, never {@link Spot#close()}, which lets the detector keep their first verdict.
     */
    boolean injection() {
        return this == TIMING || this == UNION || this == QUOTE;
    }
}
