package dev.caravan.guardrails.destructive;

import static dev.caravan.guardrails.destructive.Scans.DENY;
import static dev.caravan.guardrails.destructive.Scans.destructive;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformAndDiskTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "dd if=/dev/zero of=/dev/sda bs=4M", "dd if=image.iso of=/dev/nvme0n1", "mkfs.ext4 /dev/sdb1",
                        "mkfs -t xfs /dev/vdb",
                "wipefs -a /dev/sdc", "wipefs --all --force /dev/sdd", "shred -n 3 -z /dev/sde",
                        "sgdisk --zap-all /dev/sda",
                "parted -s /dev/sdb mklabel gpt", "zfs destroy -r pool/backups", "zpool destroy tank",
                        "lvremove -y vg0/lv_data",
                "vgremove -f vg_data", "cat /dev/urandom > /dev/sda",
            })
    void wipingDisksAndVolumesIsDestructive(String command) {
        assertThat(destructive(command)).isGreaterThanOrEqualTo(0.8);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "dd if=/dev/zero of=./disk.img bs=1M count=10", "mkfs.ext4 disk.img", "wipefs /dev/sdb", "zfs list",
                "zfs snapshot pool/data@today", "fdisk -l", "cat /dev/urandom > random.bin", "echo test > /dev/null",
            })
    void readingOrScopedDiskCommandsAreNot(String command) {
        assertThat(destructive(command)).isLessThan(DENY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "kubectl delete namespace checkout",
                "kubectl delete ns staging",
                "kubectl -n prod delete pvc --all",
                "kubectl delete deployment api -n prod",
                "kubectl delete pods --all -A",
                "helm uninstall ingress -n edge",
                "helm delete --purge billing",
                "aws s3 rb s3://team-archive --force",
                "aws s3 rm s3://exports/ --recursive",
                "aws ec2 terminate-instances --instance-ids i-0abc",
                "aws dynamodb delete-table --table-name events",
                "gcloud sql instances delete main-db --quiet",
                "gcloud projects delete acme-prod",
                "gsutil -m rm -r gs://acme-logs",
                "az group delete -n rg-prod --yes",
                "az storage account delete -n st1 -g rg",
                "terraform destroy -auto-approve",
                "terraform apply -destroy -auto-approve",
                "tofu destroy",
                "pulumi destroy --yes",
                "pulumi stack rm prod",
                "cdk destroy --force",
                "docker system prune -a --volumes -f",
                "docker volume prune -f",
                "docker rm -f $(docker ps -aq)",
                "docker compose down -v",
                "docker-compose down --volumes",
                "podman system prune --all",
            })
    void cloudClusterAndInfrastructureDeletionIsDestructive(String command) {
        assertThat(destructive(command)).isGreaterThanOrEqualTo(0.8);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "kubectl get ns",
                "kubectl delete pod api-7d9f-x2",
                "helm list -A",
                "helm upgrade web ./chart",
                "aws s3 ls",
                "aws s3 cp report.csv s3://bucket/",
                "aws ec2 describe-instances",
                "aws ec2 delete-tags --resources i-1 --tags Key=x",
                "gcloud compute instances list",
                "az group list",
                "terraform plan -out plan.bin",
                "terraform apply plan.bin",
                "pulumi up",
                "docker ps -a",
                "docker image ls",
                "docker rm web",
                "docker compose down",
            })
    void readOnlyAndRoutinePlatformCommandsAreNot(String command) {
        assertThat(destructive(command)).isLessThan(DENY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "git push --force origin main",
                "git push -f",
                "git push origin +master",
                "git push --force-with-lease origin main",
                "git push origin --delete release-2",
                "git push origin :main",
                "git reset --hard HEAD~3",
                "git clean -fdx",
                "git filter-branch --index-filter 'git rm --cached secrets.txt' HEAD",
                "git stash drop",
                "git stash clear",
                "git branch -D main",
                "git -C repo reset --hard",
                "crontab -r",
                "git reflog expire --expire=now --all",
            })
    void gitOperationsThatLoseWorkAreDestructive(String command) {
        assertThat(destructive(command)).isGreaterThanOrEqualTo(0.8);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "git push origin feature/login",
                "git push -u origin topic",
                "git reset HEAD file.txt",
                "git reset --soft HEAD~1",
                "git clean -n",
                "git stash apply",
                "git stash list",
                "git branch -d merged-topic",
                "git log --oneline",
                "git push --force-with-lease origin my-topic",
                "crontab -l",
                "crontab -e",
            })
    void safeGitAndCrontabCommandsAreNot(String command) {
        assertThat(destructive(command)).isLessThan(DENY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "heroku apps:destroy --app shop-prod --confirm shop-prod",
                "heroku pg:reset DATABASE_URL --confirm shop",
                "firebase firestore:delete --all-collections --force",
                "flyctl apps destroy shop-api --yes",
                "netlify sites:delete 1234-abcd",
                "bin/rails db:drop",
                "bundle exec rake db:reset",
                "php artisan migrate:fresh --force",
                "php artisan db:wipe",
                "npx prisma migrate reset --force",
                "npx prisma db push --force-reset",
                "mysqladmin -u root -f drop shop",
                "gh repo delete acme/site --yes",
                "doctl compute droplet delete web-1 --force",
                "eksctl delete cluster --name prod",
                "rclone purge remote:backups",
                "vssadmin delete shadows /all /quiet",
                "wmic shadowcopy delete",
                "blkdiscard /dev/nvme0n1",
                "cryptsetup luksFormat /dev/sdb",
                "nvme format /dev/nvme0n1",
                "podman system reset --force",
                "npm unpublish left-pad --force",
                "az storage blob delete-batch -s logs --account-name prodlogs",
                "> /etc/passwd",
                "cat /dev/null > /etc/fstab",
            })
    void vendorCliAndFrameworkDeletionsAreDestructive(String command) {
        assertThat(destructive(command)).isGreaterThanOrEqualTo(0.8);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "heroku apps:info --app shop-prod",
                "firebase deploy --only hosting",
                "bin/rails db:migrate",
                "php artisan migrate",
                "npx prisma migrate dev",
                "gh repo view acme/site",
                "rclone copy remote:backups ./local",
                "vssadmin list shadows",
                "What does `heroku apps:destroy` do exactly?",
                "Is `helm uninstall` reversible if the PVCs are kept?",
                "Our runbook says FLUSHALL is forbidden in production.",
                "The page prints \"DROP TABLE users;\" as an example.",
                "podman system info",
                "npm publish --access public",
                "echo \"deb http://deb.example stable main\" > /etc/apt/sources.list.d/example.list",
                "echo \"nameserver 1.1.1.1\" >> /etc/resolv.conf",
                "cat /etc/hosts > hosts.bak",
            })
    void readingCommandsAndMentionsOfThemAreNot(String command) {
        assertThat(destructive(command)).isLessThan(DENY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "curl -XDELETE 'http://es.prod:9200/logs-*'",
                "cursor.execute(\"db.dropDatabase()\")",
                "{\"query\": \"db.users.drop()\"}",
                "redis-cli -h cache FLUSHALL ASYNC",
                "FLUSHDB",
            })
    void dataStoreWipesInsideCallsAndWildcardsAreDestructive(String command) {
        assertThat(destructive(command)).isGreaterThanOrEqualTo(0.8);
    }
}
